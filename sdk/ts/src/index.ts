/** MBP /v2 API client for Node 20: built-in fetch and node:crypto, no runtime dependencies. See sdk/README.md. */
export * from "./catalogue.js";
export * from "./client.js";
export * from "./errors.js";
export * from "./retry.js";
export * as signing from "./signing.js";
export * as webhooks from "./webhooks.js";
