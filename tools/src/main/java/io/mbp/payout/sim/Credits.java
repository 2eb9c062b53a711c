package io.mbp.payout.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mbp.error.BadInputException;
import io.mbp.payout.PayoutService;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator learns the PIX credits it "received" from an events NDJSON file (the same one the
 * log was fed): each DepositReceived becomes a credit on the statement of its date.
 */
public final class Credits {
    private static final ObjectMapper JSON = io.mbp.events.JsonLimits.mapper().build();

    private Credits() {
    }

    public static List<PspSimulator.Credit> fromEvents(Path file) {
        List<PspSimulator.Credit> out = new ArrayList<>();
        long n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode e = JSON.readTree(line);
                if (!"DepositReceived".equals(e.path("type").asText())) {
                    continue;
                }
                JsonNode p = e.path("payload");
                LocalDate day = PayoutService.dateOf(e.path("ts").asText());
                out.add(new PspSimulator.Credit(p.path("account").asText(), p.path("amount").asLong(),
                        p.path("e2eid").asText(), day));
            }
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(file + ": line " + n + ": cannot read deposits: " + e.getMessage());
        }
        return out;
    }
}
