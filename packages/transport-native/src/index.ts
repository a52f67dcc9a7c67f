/**
 * @openssh-ts/transport-native — placeholder; the package's issue fills it in.
 *
 * @packageDocumentation
 */

/** Name of this package, exported so the placeholder has a runtime value. */
export const packageName = '@openssh-ts/transport-native';
