package io.visionpipeline.cloud.budget;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The budget's arithmetic: charges over wall time, the renting rule, the shedding rule. */
class CostMeterTest {
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    private static Instant at(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void anInstanceIsChargedItsPriceTimesItsWholeWallTimeBootAndIdleIncluded() {
        CostMeter meter = new CostMeter(Budget.of(5, 100));
        meter.open("booting-idle-busy", 0.40, at(0));

        assertThat(meter.spent(at(30))).isCloseTo(0.20, within(1e-9));
        assertThat(meter.burnPerHour()).isEqualTo(0.40);
        meter.close("booting-idle-busy", at(90));
        assertThat(meter.spent(at(600))).as("nothing accrues once it is gone").isCloseTo(0.60, within(1e-9));
        assertThat(meter.burnPerHour()).isZero();
        meter.close("booting-idle-busy", at(700));
        assertThat(meter.spent(at(800))).as("closing twice keeps the first time").isCloseTo(0.60, within(1e-9));
    }

    @Test
    void aPriceChangeAppliesFromWhenItWasSeen() {
        CostMeter meter = new CostMeter(Budget.of(5, 100));
        meter.open("a", 0.30, at(0));
        meter.reprice("a", 0.60, at(60));

        assertThat(meter.spent(at(120))).isCloseTo(0.30 + 0.60, within(1e-9));
        assertThat(meter.charges(at(120))).singleElement().satisfies(c -> {
            assertThat(c.usdPerHour()).isEqualTo(0.60);
            assertThat(c.closedAt()).isNull();
        });
    }

    @Test
    void rentingIsRefusedWhenTheHourlyLimitWouldBeExceeded() {
        CostMeter meter = new CostMeter(Budget.of(1.00, 100));
        meter.open("a", 0.70, at(0));

        assertThat(meter.admit(0.30, at(1)).allowed()).isTrue();
        CostMeter.Admission refused = meter.admit(0.31, at(1));
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.reason()).contains("$1.010/h").contains("limit of $1.00/h");
    }

    @Test
    void rentingIsRefusedWhenTheNextHourWouldCrossTheTotal() {
        CostMeter meter = new CostMeter(Budget.of(10, 2.00));
        meter.open("a", 0.50, at(0));

        assertThat(meter.admit(0.50, at(60)).allowed()).as("$0.50 spent + $1.00 next hour = $1.50").isTrue();
        assertThat(meter.admit(0.50, at(120))).as("$1.00 spent + $1.00 next hour = $2.00: exactly the total")
                .extracting(CostMeter.Admission::allowed).isEqualTo(true);
        CostMeter.Admission refused = meter.admit(0.50, at(121));
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.reason()).contains("above the total of $2.00");
    }

    @Test
    void instancesMustGoOnceTheGuardWindowWouldCrossTheTotal() {
        Budget budget = Budget.of(10, 1.00).guard(Duration.ofMinutes(6));
        CostMeter meter = new CostMeter(budget);
        meter.open("a", 0.60, at(0));
        meter.open("b", 0.40, at(0));

        assertThat(meter.mustShed(at(50))).as("$0.833 spent + 6 min at $1/h = $0.933").isZero();
        double shed = meter.mustShed(at(55));
        assertThat(shed).as("$0.917 + $0.10 > $1.00: shed enough rate").isGreaterThan(0).isLessThanOrEqualTo(1.00);
        meter.close("a", at(55));
        assertThat(meter.mustShed(at(55))).as("$0.917 + 6 min at $0.40/h = $0.957").isZero();
        meter.close("b", at(62));
        assertThat(meter.spent(at(600))).isLessThanOrEqualTo(budget.maxTotal());
    }

    @Test
    void aPriceRiseAboveTheHourlyLimitMustBeShed() {
        CostMeter meter = new CostMeter(Budget.of(1.00, 100));
        meter.open("a", 0.50, at(0));
        meter.open("b", 0.50, at(0));
        meter.reprice("b", 0.80, at(10));

        assertThat(meter.mustShed(at(10))).isCloseTo(0.30, within(1e-9));
    }

    @Test
    void budgetsRefuseNonsense() {
        assertThatThrownBy(() -> Budget.of(0, 10)).hasMessageContaining("maxPerHour");
        assertThatThrownBy(() -> Budget.of(1, Double.NaN)).hasMessageContaining("maxTotal");
        assertThatThrownBy(() -> Budget.of(1, 10).guard(Duration.ZERO)).hasMessageContaining("guard");
        CostMeter meter = new CostMeter(Budget.of(1, 10));
        meter.open("a", 0.1, T0);
        assertThatThrownBy(() -> meter.open("a", 0.1, T0)).isInstanceOf(IllegalStateException.class);
    }
}
