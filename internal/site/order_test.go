package site

import "testing"

func TestBetween(t *testing.T) {
	for _, tc := range []struct{ a, b, want float64 }{
		{1, 2, 1.5}, {0.1, 0.2, 0.15}, {2.1, 2.2, 2.15}, {2, 5, 4}, {2.5, 3, 2.8}, {1, 1.001, 1.0005},
	} {
		if got := between(tc.a, tc.b); got != tc.want {
			t.Errorf("between(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}
