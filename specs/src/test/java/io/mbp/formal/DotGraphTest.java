package io.mbp.formal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mbp.error.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DotGraphTest {
    /** Verbatim shape of TLC 2.18's "-dump dot,actionlabels" output. */
    static final String DOT = """
            strict digraph DiskGraph {
            nodesep=0.35;
            subgraph cluster_graph {
            color="white";
            981676292699177551 [label="/\\\\ x = 0\\n/\\\\ y = \\"a\\"",style = filled]
            981676292699177551 -> -1897225185699121223 [label="Inc",color="black",fontcolor="black"];
            -1897225185699121223 [label="/\\\\ x = 1\\n/\\\\ y = \\"a\\""];
            981676292699177551 -> -2734506757003342506 [label="Flip",color="black",fontcolor="black"];
            -2734506757003342506 [label="/\\\\ x = 0\\n/\\\\ y = \\"b\\""];
            981676292699177551 -> 981676292699177551 [style="dashed"];
            -2734506757003342506 -> 981676292699177551 [label="Flip",color="black",fontcolor="black"];
            -2734506757003342506 -> 981676292699177551 [label="Flip",color="black",fontcolor="black"];
            {rank = same; 981676292699177551;}
            }
            }
            """;

    @Test
    void readsStatesInitialStatesAndLabelledEdges() {
        DotGraph g = DotGraph.parse(DOT, "t.dot");
        assertEquals(3, g.states().size());
        assertEquals(List.of("981676292699177551"), g.initial());
        assertEquals(3, g.edges().size(), "stuttering dropped, duplicate edge merged");
        SpecState init = g.state("981676292699177551");
        assertEquals("0", init.vars().get("x"));
        assertEquals("\"a\"", init.vars().get("y"));
        assertEquals(SpecState.builder().num("x", 0).str("y", "a").build(), init);
        assertEquals(List.of("Inc", "Flip"), g.outgoing("981676292699177551").stream().map(DotGraph.Edge::action).toList());
    }

    @Test
    void anUnlabelledTransitionIsRefusedWithTheLine() {
        String noLabels = DOT.replace("[label=\"Inc\",color=\"black\",fontcolor=\"black\"]", "[color=\"black\"]");
        BadInputException e = assertThrows(BadInputException.class, () -> DotGraph.parse(noLabels, "t.dot"));
        assertTrue(e.getMessage().startsWith("t.dot line 6: edge without an action label"), e.getMessage());
    }

    @Test
    void multiLineValuesCompareEqualToTheirOneLineForm() {
        SpecState wrapped = SpecState.parse("/\\ finals = <<[answer |-> \"yes\",\n      via |-> \"committee\"]>>\n/\\ clock = 0");
        assertEquals(Tla.seq(List.of(Tla.record(java.util.Map.of("via", Tla.str("committee"), "answer", Tla.str("yes"))))),
                wrapped.vars().get("finals"));
    }
}
