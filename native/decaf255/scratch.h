/*
 * Working memory of the batch check and the MSM, kept per thread and reused from one call to
 * the next. Each call needs a few megabytes (a batch of 64 ballots has 24,000 points); taken
 * from malloc each time they were fresh mappings, and faulting their pages in (huge pages,
 * zeroed by the kernel) cost several per cent of a verification. The buffers live until the
 * thread's Node environment ends (urna_scratch_release, from its cleanup hook).
 */
#ifndef URNA_DECAF255_SCRATCH_H
#define URNA_DECAF255_SCRATCH_H
#include <stddef.h>

/* One buffer per use, so that buffers in use at the same time never share a slot. */
typedef enum {
  URNA_SCRATCH_ACC, URNA_SCRATCH_ALL, URNA_SCRATCH_TOUCHED, URNA_SCRATCH_WHICH, URNA_SCRATCH_SCALARS,
  URNA_SCRATCH_BITS, URNA_SCRATCH_ORDER, URNA_SCRATCH_CARRY, URNA_SCRATCH_BUCKETS, URNA_SCRATCH_WINDOW_SUMS,
  URNA_SCRATCH_FILLED, URNA_SCRATCH_WINDOW_USED, URNA_SCRATCH_POINTS, URNA_SCRATCH_SLOTS
} urna_scratch_slot;

/* At least `bytes` bytes, 32-byte aligned, contents undefined, valid until the next call for
 * the same slot on this thread; NULL when memory runs out. */
void *urna_scratch(urna_scratch_slot slot, size_t bytes);

/* The slot's buffer handed over to the caller (at least `bytes`, 32-byte aligned; *size set to
 * its size), the slot left empty: for memory that outlives the call, a decode handle's points.
 * urna_scratch_give hands one back (the larger of the two is kept). */
void *urna_scratch_take(urna_scratch_slot slot, size_t bytes, size_t *size);
void urna_scratch_give(urna_scratch_slot slot, void *p, size_t size);

/* Frees this thread's buffers. */
void urna_scratch_release(void);

#endif
