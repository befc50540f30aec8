package org.planledger.shared.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Period;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The JSON form of each rule: a stable "kind" name, and a round trip that loses nothing. */
class DueRuleJsonTest {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static Stream<Arguments> rules() {
        DueRule.EndOfMonth january = new DueRule.EndOfMonth(YearMonth.of(2024, 1));
        return Stream.of(
                arguments("end-of-month", january),
                arguments("end-of-quarter", new DueRule.EndOfQuarter(2024, 4)),
                arguments("end-of-year", new DueRule.EndOfYear(2024)),
                arguments("recurring", new DueRule.Recurring(
                        List.of(Frequency.QUARTERLY, Frequency.HALF_YEARLY, Frequency.YEARLY), 15)),
                arguments("recurring", new DueRule.Recurring(List.of(Frequency.HALF_YEARLY), null)),
                arguments("ongoing", new DueRule.Ongoing()),
                arguments("triggered", new DueRule.Triggered("Bộ Khoa học công nghệ ban hành hướng dẫn", Period.ofMonths(1))),
                arguments("service-level", new DueRule.ServiceLevel(5, "ngày nhận hồ sơ hợp lệ")),
                arguments("bounded", new DueRule.Bounded(january, "sau khi có chương trình của Chính phủ ban hành")),
                arguments("as-regulated", new DueRule.AsRegulated("Báo cáo kết quả theo quy định")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rules")
    void roundTripsEachRuleUnderItsKind(String kind, DueRule rule) throws JsonProcessingException {
        String json = mapper.writerFor(DueRule.class).writeValueAsString(rule);

        assertThat(json).startsWith("{\"kind\":\"" + kind + "\"");
        assertThat(mapper.readValue(json, DueRule.class)).isEqualTo(rule);
    }

    @Test
    void writesDatesAndPeriodsAsIsoText() throws JsonProcessingException {
        assertThat(mapper.writerFor(DueRule.class).writeValueAsString(new DueRule.EndOfMonth(YearMonth.of(2024, 7))))
                .isEqualTo("{\"kind\":\"end-of-month\",\"month\":\"2024-07\"}");
        assertThat(mapper.writerFor(DueRule.class).writeValueAsString(new DueRule.Triggered("x", Period.ofMonths(1))))
                .isEqualTo("{\"kind\":\"triggered\",\"trigger\":\"x\",\"offset\":\"P1M\"}");
    }

    @Test
    void roundTripsAMilestoneWithItsRule() throws JsonProcessingException {
        MilestoneSpec milestone = new MilestoneSpec("m1", "Kế hoạch triển khai",
                new DueRule.EndOfMonth(YearMonth.of(2024, 7)), "Kế hoạch (Tháng 7/2024)");

        String json = mapper.writeValueAsString(milestone);

        assertThat(mapper.readValue(json, MilestoneSpec.class)).isEqualTo(milestone);
        assertThat(json).doesNotContain("due");
    }
}
