package org.truce.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.locationtech.jts.geom.Geometry;

/** Geometry equality for tests: the same shape with the same coordinates, whatever the ring order. Stateless. */
final class GeometryAssert {
    private GeometryAssert() {
    }

    static void assertSameGeometry(Geometry actual, Geometry expected) {
        assertThat(actual.norm().equalsExact(expected.norm()))
                .as("%s equals %s", actual, expected)
                .isTrue();
    }
}
