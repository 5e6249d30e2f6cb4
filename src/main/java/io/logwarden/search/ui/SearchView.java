package io.logwarden.search.ui;

import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.logwarden.base.ui.ComingSoon;
import jakarta.annotation.security.PermitAll;

/** Search: placeholder until its issue is done. */
@Route("search")
@PageTitle("Search · Logwarden")
@Menu(order = 1, icon = "vaadin:search", title = "Search")
@PermitAll
class SearchView extends Main {

    SearchView() {
        add(new ComingSoon("Search", "Full-text search with Lucene syntax, histogram, field statistics, live tail and entity timelines arrives with issue #5."));
    }
}
