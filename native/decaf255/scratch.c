#include "scratch.h"
#include <stdlib.h>

static _Thread_local struct {
  void *p;
  size_t size;
} slots[URNA_SCRATCH_SLOTS];

void *urna_scratch(urna_scratch_slot slot, size_t bytes) {
  if (bytes == 0) bytes = 1;
  if (slots[slot].size >= bytes) return slots[slot].p;
  free(slots[slot].p);
  /* Grown by half again, rounded to the alignment, so a batch a little larger than the last
   * one does not allocate again. */
  size_t size = (bytes + bytes / 2 + 31) & ~(size_t)31;
  slots[slot].p = aligned_alloc(32, size);
  slots[slot].size = slots[slot].p ? size : 0;
  return slots[slot].p;
}

void *urna_scratch_take(urna_scratch_slot slot, size_t bytes, size_t *size) {
  void *p = urna_scratch(slot, bytes);
  *size = slots[slot].size;
  slots[slot].p = NULL;
  slots[slot].size = 0;
  return p;
}

void urna_scratch_give(urna_scratch_slot slot, void *p, size_t size) {
  if (slots[slot].size >= size) {
    free(p);
    return;
  }
  free(slots[slot].p);
  slots[slot].p = p;
  slots[slot].size = size;
}

void urna_scratch_release(void) {
  for (int i = 0; i < URNA_SCRATCH_SLOTS; i++) {
    free(slots[i].p);
    slots[i].p = NULL;
    slots[i].size = 0;
  }
}
