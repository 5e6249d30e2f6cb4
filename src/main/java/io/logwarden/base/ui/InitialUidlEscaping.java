package io.logwarden.base.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.springframework.stereotype.Component;

/**
 * With eager server load (application.yml) Vaadin writes the first view's UIDL into the page as a script,
 * {@code window.Vaadin.TypeScript= {...};}, without escaping it for HTML: a value holding {@code </script>} (a log
 * message, an audited name) would end the script there and the rest would be parsed as markup. Every {@code <} of
 * that script is written as its JSON escape (backslash, {@code u003c}) instead: in JSON a {@code <} only stands inside
 * a string, where the escape is the same character.
 */
@Component
class InitialUidlEscaping implements VaadinServiceInitListener {

    private static final String INITIAL_UIDL = "window.Vaadin.TypeScript=";

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addIndexHtmlRequestListener(response -> escape(response.getDocument()));
    }

    static void escape(Document page) {
        for (Element script : page.select("script")) {
            for (DataNode data : script.dataNodes()) {
                String code = data.getWholeData();
                if (code.contains(INITIAL_UIDL) && code.indexOf('<') >= 0) {
                    data.setWholeData(code.replace("<", "\\u003c"));
                }
            }
        }
    }
}
