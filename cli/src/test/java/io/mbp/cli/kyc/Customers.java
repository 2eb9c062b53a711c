package io.mbp.cli.kyc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mbp.kyc.Cpf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Fictional customers for CLI tests: valid unless a test spoils a field. */
final class Customers {
    static final ObjectMapper JSON = new ObjectMapper();

    private Customers() {
    }

    static String cpf(Random r) {
        while (true) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 9; i++) {
                b.append(r.nextInt(10));
            }
            String base = b.toString();
            if (base.chars().distinct().count() > 1) {
                return base + Cpf.checkDigits(base);
            }
        }
    }

    static ObjectNode customer(String account, long seed) {
        Random r = new Random(seed);
        ObjectNode n = JSON.createObjectNode();
        n.put("account", account);
        n.put("full_name", "Zefira Quintanilha Test" + (char) ('a' + r.nextInt(26)) + (char) ('a' + r.nextInt(26)));
        n.put("cpf", cpf(r));
        n.put("birth_date", (1950 + r.nextInt(50)) + "-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(9));
        n.put("email", "zefira." + seed + "@example.com");
        n.put("phone", "+55119" + String.format("%08d", r.nextInt(100_000_000)));
        n.put("pix_key", "+55219" + String.format("%08d", r.nextInt(100_000_000)));
        n.put("terms_version", "2026-11");
        n.putArray("consents").add("kyc").add("payouts");
        return n;
    }

    static Path write(Path file, List<ObjectNode> customers) {
        List<String> lines = new ArrayList<>();
        customers.forEach(c -> lines.add(c.toString()));
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Every personal value a customer line holds, as it could appear anywhere. */
    static List<String> clearValues(ObjectNode c) {
        List<String> v = new ArrayList<>();
        for (String f : List.of("full_name", "cpf", "birth_date", "email", "phone", "pix_key")) {
            v.add(c.get(f).asText());
        }
        String cpf = c.get("cpf").asText();
        v.add(cpf.substring(0, 3) + "." + cpf.substring(3, 6) + "." + cpf.substring(6, 9) + "-" + cpf.substring(9));
        return v;
    }
}
