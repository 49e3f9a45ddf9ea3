/**
 * Packing a package folder into the tarball {@code npm pack} would make: {@link
 * dev.npmauth.pack.Packer}, its {@link dev.npmauth.pack.PackResult}, and {@link
 * dev.npmauth.pack.PackException}.
 *
 * <pre>{@code
 * PackResult packed = Packer.npmCompatible().pack(Path.of("my-lib"), Path.of("build"));
 * }</pre>
 */
package dev.npmauth.pack;
