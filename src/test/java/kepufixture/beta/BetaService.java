package kepufixture.beta;

import kepufixture.alpha.internal.AlphaInternals;

/** Reaches into another module's internals: a violation. */
public class BetaService {
    public int borrowed() {
        return new AlphaInternals().value();
    }
}
