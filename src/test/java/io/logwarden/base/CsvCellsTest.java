package io.logwarden.base;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellsTest {

    @Test
    void neutralises_all_six_formula_starts() {
        assertThat(CsvCells.cell("=1+2")).isEqualTo("\"'=1+2\"");
        assertThat(CsvCells.cell("+1")).isEqualTo("\"'+1\"");
        assertThat(CsvCells.cell("-1")).isEqualTo("\"'-1\"");
        assertThat(CsvCells.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(CsvCells.cell("\tx")).isEqualTo("\"'\tx\"");
        assertThat(CsvCells.cell("\rx")).isEqualTo("\"'\rx\"");
        assertThat(CsvCells.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    }

    @Test
    void quotes_separators_quotes_and_line_breaks_only_where_needed() {
        assertThat(CsvCells.cell("plain")).isEqualTo("plain");
        assertThat(CsvCells.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvCells.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvCells.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvCells.cell("a=b")).isEqualTo("a=b");
        assertThat(CsvCells.cell(null)).isEmpty();
    }

    @Test
    void header_keeps_the_timestamp_field_name_and_neutralises_data_named_columns() {
        assertThat(CsvCells.header("@timestamp")).isEqualTo("@timestamp");
        assertThat(CsvCells.header("user.email")).isEqualTo("user.email");
        assertThat(CsvCells.header("=cmd|' /C calc'!A0")).isEqualTo("\"'=cmd|' /C calc'!A0\"");
        assertThat(CsvCells.header("@evil")).isEqualTo("\"'@evil\"");
    }
}
