/**
 * Deliberately broken code: the structure tests must find its violations, proving the rules can fail.
 * It lives outside {@code org.kepu} so the app never scans or ships it.
 */
package kepufixture;
