package io.mbp.webhooks;

import java.util.Map;

/** The port deliveries go out through: one POST, its status (0 when none came back) and a short error. */
public interface WebhookSender {
    record Result(int status, String error) {
        public boolean delivered() {
            return status >= 200 && status < 300;
        }
    }

    Result post(String url, Map<String, String> headers, byte[] body);
}
