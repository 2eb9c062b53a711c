-- V61: the KYC account projection (ADR 0704). One row per onboarded account: its subject, KYC state,
-- standing consents and registered PIX key (reference, type and ciphertext), folded from the
-- KycSubmitted, KycStatusChanged, ConsentGranted and ConsentRevoked events in the same transaction
-- that appends them. Derived and rebuildable from the log (`kyc_projection.seq` is how far it has
-- read), so lookups (payout gate, consents, `mbp kyc show`) read one row instead of the log.
CREATE TABLE kyc_accounts (
  account VARCHAR(256) NOT NULL,
  subject VARCHAR(40) NOT NULL,
  status VARCHAR(16) NOT NULL,
  consent_kyc INTEGER NOT NULL,
  consent_payouts INTEGER NOT NULL,
  consent_marketing INTEGER NOT NULL,
  consent_analytics INTEGER NOT NULL,
  pix_key_ref VARCHAR(80),
  pix_key_type VARCHAR(8),
  pix_key_enc VARCHAR(600),
  submitted_seq BIGINT NOT NULL,
  submitted_at VARCHAR(40) NOT NULL,
  status_reason VARCHAR(1000),
  status_by VARCHAR(256),
  status_since VARCHAR(40) NOT NULL,
  updated_seq BIGINT NOT NULL,
  CONSTRAINT pk_kyc_accounts PRIMARY KEY (account)
);
CREATE TABLE kyc_projection (
  name VARCHAR(40) NOT NULL,
  seq BIGINT NOT NULL,
  CONSTRAINT pk_kyc_projection PRIMARY KEY (name)
);
