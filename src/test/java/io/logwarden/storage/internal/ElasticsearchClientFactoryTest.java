package io.logwarden.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.http.HttpHost;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.impl.auth.BasicScheme;
import org.apache.http.impl.client.BasicAuthCache;
import org.apache.http.message.BasicHttpRequest;
import org.junit.jupiter.api.Test;

class ElasticsearchClientFactoryTest {

    @Test
    void requests_leave_the_auth_cache_that_rest_client_puts_into_their_context_unread() throws Exception {
        BasicAuthCache cache = new BasicAuthCache();
        cache.put(new HttpHost("elasticsearch", 9200), new BasicScheme());
        HttpClientContext context = HttpClientContext.create();
        context.setAuthCache(cache);
        BasicHttpRequest request = new BasicHttpRequest("POST", "/logwarden-events/_search");

        ElasticsearchClientFactory.WITHOUT_AUTH_CACHE.process(request, context);

        assertThat(context.getAuthCache()).isNull();
        assertThat(request.getAllHeaders()).isEmpty();
    }
}
