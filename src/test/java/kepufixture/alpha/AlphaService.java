package kepufixture.alpha;

public class AlphaService {
    public int answer() {
        return new kepufixture.alpha.internal.AlphaInternals().value();
    }
}
