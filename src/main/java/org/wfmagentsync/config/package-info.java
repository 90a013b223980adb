/**
 * The connector's configuration keys, each defined once (name, type, default, documentation,
 * validation), the typed reader the wiring uses, and the generated reference. Depends on nothing
 * else in the connector.
 */
package org.wfmagentsync.config;
