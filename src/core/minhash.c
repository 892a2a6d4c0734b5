/*
 * minhash.c - MinHash signatures and band keys (see minhash.h).
 */
#include "core/minhash.h"

#include "core/text.h"

void bf_minhash_reset(uint64_t *sig, size_t k) {
  for (size_t h = 0; h < k; h++)
    sig[h] = UINT64_MAX;
}

void bf_minhash_add(uint64_t *sig, size_t k, uint64_t member) {
  /* One multiplicative hash per position, finished by a 64-bit mixer: cheap
   * and independent enough for sets of a few thousand members. */
  for (size_t h = 0; h < k; h++) {
    uint64_t v = bf_hash_mix(member * 0x9E3779B97F4A7C15ULL +
                             (uint64_t)h * 0xD6E8FEB86659FD93ULL);
    if (v < sig[h])
      sig[h] = v;
  }
}

uint64_t bf_minhash_band_key(const uint64_t *sig, size_t band, size_t rows) {
  return bf_hash(&sig[band * rows], rows * sizeof *sig) + band;
}

double bf_minhash_similarity(const uint64_t *a, const uint64_t *b, size_t k) {
  size_t same = 0;
  if (!k || a[0] == UINT64_MAX || b[0] == UINT64_MAX)
    return 0;
  for (size_t h = 0; h < k; h++)
    same += a[h] == b[h];
  return (double)same / (double)k;
}
