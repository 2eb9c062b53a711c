-- V82: webhook delivery claims (ADR 0152, docs/webhooks.md). The daemon's delivery worker and
-- `mbp webhooks deliver` fold the same log and can find the same delivery due at once; before
-- sending, a sender claims the delivery for the round it saw (basis: the seq of the log event that
-- made it due: the event itself, the last failed attempt, or a replay). One conditional write decides
-- who sends; the loser sends nothing. A claim is settled once its attempt is logged, so a sender that
-- folded the log before that attempt can never send that round again; an unsettled claim whose lease
-- expired (its sender died between sending and logging) can be taken over. Times are epoch
-- milliseconds, so SQL compares them as numbers.
CREATE TABLE webhook_claim (
  delivery_id VARCHAR(120) NOT NULL,
  basis BIGINT NOT NULL,
  owner VARCHAR(200) NOT NULL,
  expires_at BIGINT NOT NULL,
  settled_at BIGINT,
  CONSTRAINT pk_webhook_claim PRIMARY KEY (delivery_id)
);
