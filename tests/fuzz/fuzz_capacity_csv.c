/*
 * fuzz_capacity_csv.c: libFuzzer harness for the capacity file of a catalogue import (with the
 * small seed catalogue, checked and rolled back): see fuzz_catalog_csv.c, whose checks it runs.
 * Seeds: tests/fuzz/seeds/fuzz_capacity_csv/.
 */
#define FUZZ_CAPACITY 1
#include "fuzz_catalog_csv.c"
