package kepufixture.alpha.internal;

public class AlphaInternals {
    public int value() {
        return 42;
    }
}
