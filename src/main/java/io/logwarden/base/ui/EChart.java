package io.logwarden.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;

/**
 * An Apache ECharts chart. The option is the ECharts option object as JSON, see
 * https://echarts.apache.org/en/option.html; setting it again replaces the chart's content.
 */
@Tag("logwarden-echart")
@NpmPackage(value = "echarts", version = "6.1.0")
@JsModule("./components/logwarden-echart.ts")
public class EChart extends Component implements HasSize {

    public EChart() {
        setWidthFull();
        setHeight("320px");
    }

    public void setOption(String optionJson) {
        getElement().setProperty("option", optionJson);
    }
}
