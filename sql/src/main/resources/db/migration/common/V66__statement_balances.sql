-- V66: statement balances and entry status (issue 20, ADR 0509).
-- The balances a statement states (camt.053 Bal OPBD/CLBD/ITBD, CNAB 240 and OFX balances), one row
-- each, written in the same transaction as the statement's lines; amounts are signed centavos
-- (negative when the account is overdrawn). Our CSV layout states none.
CREATE TABLE recon_balance (
  statement_id CHAR(64) NOT NULL,
  balance_type VARCHAR(16) NOT NULL,
  seq BIGINT NOT NULL,
  amount BIGINT NOT NULL,
  balance_date CHAR(10) NOT NULL,
  CONSTRAINT pk_recon_balance PRIMARY KEY (statement_id, seq)
);

-- A line's entry status (BOOK moves the booked balance, PDNG does not) and whether the bank marks it
-- as a reversal (camt.053 RvslInd); lines imported before V66 were booked lines, not reversals.
ALTER TABLE recon_line ADD COLUMN status VARCHAR(4) DEFAULT 'BOOK' NOT NULL;
ALTER TABLE recon_line ADD COLUMN reversal SMALLINT DEFAULT 0 NOT NULL;
