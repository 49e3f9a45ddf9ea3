/** The service interface {@code npmauth-impl} implements for {@link dev.npmauth.verify}. */
package dev.npmauth.verify.spi;
