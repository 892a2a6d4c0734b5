/*
 * minhash.h - MinHash signatures of sets and locality-sensitive bands.
 *
 * A signature keeps, for each of k hash functions, the smallest hash of any
 * member of the set; two sets agree on one position with probability equal
 * to their Jaccard similarity. Cutting the signature into bands of `rows`
 * positions and bucketing each band's key finds similar pairs without
 * comparing all pairs. Members are 64-bit values: stem ids, or hashes of
 * word shingles.
 */
#ifndef BRIEF_MINHASH_H
#define BRIEF_MINHASH_H

#include <stddef.h>
#include <stdint.h>

/* Empties a signature of k positions. */
void bf_minhash_reset(uint64_t *sig, size_t k);

/* Adds one member to a signature of k positions. */
void bf_minhash_add(uint64_t *sig, size_t k, uint64_t member);

/* The bucket key of band `band` (positions band*rows .. +rows-1). Keys of
 * different bands never coincide by construction of the band offset. */
uint64_t bf_minhash_band_key(const uint64_t *sig, size_t band, size_t rows);

/* The share of positions on which two signatures of k positions agree: an
 * estimate of the Jaccard similarity of their sets. Empty signatures
 * (never added to) have similarity 0. */
double bf_minhash_similarity(const uint64_t *a, const uint64_t *b, size_t k);

#endif
