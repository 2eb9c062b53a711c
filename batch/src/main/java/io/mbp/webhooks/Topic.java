package io.mbp.webhooks;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a subscription can ask for, and the log event types behind each (docs/webhooks.md). */
public enum Topic {
    ORDER_FILLED("order.filled", List.of("OrderFilled")),
    MARKET_SETTLED("market.settled", List.of("MarketSettled")),
    ORACLE_FINALIZED("oracle.finalized", List.of("Finalized")),
    PAYOUT_STATUS("payout.status", List.of("PayoutSent", "PayoutConfirmed", "PayoutFailed", "PayoutRetried", "PayoutParked",
            "PayoutReturned"));

    private final String wire;
    private final List<String> eventTypes;

    Topic(String wire, List<String> eventTypes) {
        this.wire = wire;
        this.eventTypes = eventTypes;
    }

    public String wire() {
        return wire;
    }

    public List<String> eventTypes() {
        return eventTypes;
    }

    public static Optional<Topic> parse(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }

    /** The topic a log event of {@code type} is delivered on, if any. */
    public static Optional<Topic> ofEventType(String type) {
        return Arrays.stream(values()).filter(t -> t.eventTypes.contains(type)).findFirst();
    }

    public static List<String> allEventTypes() {
        return Arrays.stream(values()).flatMap(t -> t.eventTypes.stream()).toList();
    }

    public static List<String> wires() {
        return Arrays.stream(values()).map(Topic::wire).toList();
    }
}
