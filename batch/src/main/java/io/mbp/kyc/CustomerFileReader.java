package io.mbp.kyc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mbp.error.BadInputException;
import io.mbp.privacy.Purpose;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and validates an onboarding NDJSON file whole, before anything is stored: the first bad
 * line refuses the file (exit 4) with its line and field named. Messages never repeat the value
 * that was refused, because it is personal data.
 */
public final class CustomerFileReader {
    /** Adulthood is judged on the calendar of São Paulo, where the customer relationship is. */
    public static final ZoneId ZONE = ZoneId.of("America/Sao_Paulo");
    public static final int ADULT_AGE = 18;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // "{...} {...}" on one line is not one customer
            .build();

    private final Clock clock;

    public CustomerFileReader(Clock clock) {
        this.clock = clock;
    }

    public List<Customer> read(String name, BufferedReader in) {
        List<Customer> out = new ArrayList<>();
        Set<String> accounts = new HashSet<>();
        int lineNo = 0;
        try {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                Customer c = parse(name, lineNo, line);
                if (!accounts.add(c.account())) {
                    throw bad(name, lineNo, "account", "account " + c.account() + " appears twice in the file");
                }
                out.add(c);
            }
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        if (out.isEmpty()) {
            throw new BadInputException(name + ": no customers in the file");
        }
        return out;
    }

    /** One customer sent on its own (the daemon's {@code POST /v2/accounts}): the same checks as a file line. */
    public Customer readOne(String name, String json) {
        return parse(name, 1, json);
    }

    Customer parse(String name, int lineNo, String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input, which may be personal data: give the position only.
            throw refused(name, lineNo, CustomerRefusedException.Kind.MALFORMED, null,
                    "not valid JSON (column " + e.getLocation().getColumnNr() + ")");
        }
        if (node == null || !node.isObject()) {
            throw refused(name, lineNo, CustomerRefusedException.Kind.MALFORMED, null, "must be a JSON object");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!Customer.FIELDS.contains(f)) {
                throw refused(name, lineNo, CustomerRefusedException.Kind.NOT_COLLECTED, f, "not collected: we only take " + String.join(", ", new TreeSet<>(Customer.FIELDS)));
            }
        }
        String account = text(name, lineNo, node, "account");
        if (account.length() > 200 || !account.matches("[A-Za-z0-9._-]+")) {
            throw bad(name, lineNo, "account", "must be an account id of letters, digits, '.', '_' or '-' (at most 200)");
        }
        String fullName = text(name, lineNo, node, "full_name").strip().replaceAll("\\s+", " ");
        if (fullName.length() < 3 || fullName.length() > 200 || !fullName.contains(" ") || fullName.matches(".*\\d.*")) {
            throw bad(name, lineNo, "full_name", "must be a full name (given and family names, no digits, at most 200 characters)");
        }
        String cpf = Cpf.normalize(text(name, lineNo, node, "cpf"));
        if (cpf == null) {
            throw bad(name, lineNo, "cpf", "not a valid CPF (11 digits with correct check digits, not all the same digit)");
        }
        LocalDate birth;
        try {
            birth = LocalDate.parse(text(name, lineNo, node, "birth_date"));
        } catch (DateTimeParseException e) {
            throw bad(name, lineNo, "birth_date", "must be a date YYYY-MM-DD");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZONE);
        if (birth.isAfter(today) || Period.between(birth, today).getYears() < ADULT_AGE) {
            throw bad(name, lineNo, "birth_date", "customer must be at least " + ADULT_AGE + " years old on " + today);
        }
        if (Period.between(birth, today).getYears() > 130) {
            throw bad(name, lineNo, "birth_date", "is more than 130 years ago");
        }
        String email = text(name, lineNo, node, "email");
        if (!PixKeyType.isEmail(email)) {
            throw bad(name, lineNo, "email", "not an e-mail address");
        }
        String phone = text(name, lineNo, node, "phone");
        if (!PixKeyType.isPhone(phone)) {
            throw bad(name, lineNo, "phone", "must be a Brazilian mobile number in E.164 (+55, area code, 9 digits)");
        }
        String pixKey = text(name, lineNo, node, "pix_key");
        PixKeyType type = PixKeyType.of(pixKey).orElseThrow(() -> bad(name, lineNo, "pix_key",
                "not a PIX key: must be a CPF (11 digits), a phone +55..., an e-mail or a random key (lowercase UUID)"));
        String terms = text(name, lineNo, node, "terms_version");
        if (terms.length() > 40) {
            throw bad(name, lineNo, "terms_version", "at most 40 characters");
        }
        JsonNode consents = node.get("consents");
        if (consents == null) {
            throw refused(name, lineNo, CustomerRefusedException.Kind.MISSING, "consents", "missing");
        }
        if (!consents.isArray()) {
            throw bad(name, lineNo, "consents", "must be an array of purposes (known: " + Purpose.known() + "), possibly empty");
        }
        List<String> purposes = new ArrayList<>();
        for (int i = 0; i < consents.size(); i++) {
            JsonNode p = consents.get(i);
            String field = "consents[" + i + "]";
            if (!p.isTextual() || Purpose.of(p.asText()).isEmpty()) {
                throw bad(name, lineNo, field, "unknown purpose " + p + " (known: " + Purpose.known() + ")");
            }
            if (purposes.contains(p.asText())) {
                throw bad(name, lineNo, field, "purpose " + p.asText() + " is listed twice");
            }
            purposes.add(p.asText());
        }
        return new Customer(lineNo, account, fullName, cpf, birth, email, phone, pixKey, type, terms, purposes);
    }

    private static String text(String name, int lineNo, JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw refused(name, lineNo, CustomerRefusedException.Kind.MISSING, field, "missing");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw bad(name, lineNo, field, "must be a non-empty string");
        }
        return v.asText();
    }

    private static CustomerRefusedException bad(String name, int line, String field, String problem) {
        return refused(name, line, CustomerRefusedException.Kind.INVALID, field, problem);
    }

    private static CustomerRefusedException refused(String name, int line, CustomerRefusedException.Kind kind, String field,
            String problem) {
        return new CustomerRefusedException(name, line, kind, field, problem);
    }
}
