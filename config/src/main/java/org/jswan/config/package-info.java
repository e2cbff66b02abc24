/**
 * The configuration model and its parser for strongSwan's swanctl.conf format, so that existing strongSwan
 * configurations load unchanged. Depends on nothing of jswan's (ike and gateway depend on this package).
 *
 * <p>Pipeline: {@link org.jswan.config.SettingsParser} (strongswan.conf syntax: sections, key/values, includes,
 * positions, bounded) → {@link org.jswan.config.SettingsSection} tree → {@link org.jswan.config.ConfigValidator}
 * (section references resolved, keys checked against swanctl.conf(5), values typed, cross-checks) →
 * {@link org.jswan.config.SwanctlConfig} records plus every {@link org.jswan.config.ConfigProblem}.
 * {@link org.jswan.config.ConfigLoader} does all of it for a swanctl directory; {@link org.jswan.config.ConfigDiff}
 * tells a reload which connections changed.
 *
 * <p>Where to extend: keys jswan supports are flagged in {@code SwanctlSchema}; algorithm keywords in
 * {@link org.jswan.config.ProposalKeywords}. Secret bytes live only in {@link org.jswan.config.SharedSecret}, whose
 * {@code toString()} redacts.
 */
package org.jswan.config;
