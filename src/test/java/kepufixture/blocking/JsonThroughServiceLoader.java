package kepufixture.blocking;

import co.elastic.clients.elasticsearch.core.SearchRequest;
import java.io.StringReader;

/** Parses an Elasticsearch request through withJson(Reader): a violation. */
public class JsonThroughServiceLoader {
    public SearchRequest.Builder request() {
        return new SearchRequest.Builder().withJson(new StringReader("{}"));
    }
}
