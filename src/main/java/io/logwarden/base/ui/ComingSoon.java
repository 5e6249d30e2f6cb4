package io.logwarden.base.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** Says on screen that a view is a placeholder and which work will fill it. */
public class ComingSoon extends VerticalLayout {

    public ComingSoon(String title, String whatComes) {
        addClassName("coming-soon");
        Paragraph text = new Paragraph(whatComes);
        text.addClassName("coming-soon-text");
        add(new H2(title), new Paragraph("This view is a placeholder."), text);
    }
}
