// Times llama.cpp's own x86 dot-product kernels (the libggml-cpu that llama-cpp-python ships)
// against each of Onramp's x86 kernel paths this CPU supports (AVX2, AVX-VNNI, AVX-512 VNNI) on
// the same weight rows and the same quantised activations, single-threaded, and checks that
// both give the same bits.
// Built and run by scripts/bench-kernels-vs-llamacpp.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "CX86Kernels.h"

void ggml_cpu_init(void);
void ggml_vec_dot_q4_1_q8_1(int n, float *s, size_t bs, const void *vx, size_t bx, const void *vy, size_t by, int nrc);
void ggml_vec_dot_q8_0_q8_0(int n, float *s, size_t bs, const void *vx, size_t bx, const void *vy, size_t by, int nrc);
void quantize_row_q8_1(const float *x, void *y, int64_t k);
void quantize_row_q8_0(const float *x, void *y, int64_t k);

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

// One shape: random codes with f16 scales of 2^-7, activations in [-0.5, 0.5).
static void measure(int type, int rows, int columns, int batch) {
    const int q4_1 = type == 3, wbytes = q4_1 ? 20 : 34, xbytes = q4_1 ? 36 : 34, blocks = columns / 32;
    uint8_t *w = malloc((size_t)rows * blocks * wbytes);
    for (size_t i = 0; i < (size_t)rows * blocks * wbytes; i++) w[i] = (uint8_t)rand();
    for (size_t i = 0; i < (size_t)rows * blocks; i++) {
        w[i * wbytes] = 0;
        w[i * wbytes + 1] = 0x20;
        if (q4_1) { w[i * wbytes + 2] = 0; w[i * wbytes + 3] = 0x20; }
    }
    float *x = malloc(sizeof(float) * columns * batch);
    for (int i = 0; i < columns * batch; i++) x[i] = rand() / (float)RAND_MAX - 0.5f;
    uint8_t *xq = malloc((size_t)batch * blocks * xbytes);
    for (int b = 0; b < batch; b++) (q4_1 ? quantize_row_q8_1 : quantize_row_q8_0)(x + b * columns, xq + (size_t)b * blocks * xbytes, columns);
    float *theirs = malloc(sizeof(float) * rows * batch), *ours = malloc(sizeof(float) * rows * batch);
    double best_theirs = 1e9;
    for (int repetition = 0; repetition < 30; repetition++) {
        double t0 = now();
        for (int b = 0; b < batch; b++)
            for (int r = 0; r < rows; r++)
                (q4_1 ? ggml_vec_dot_q4_1_q8_1 : ggml_vec_dot_q8_0_q8_0)(columns, theirs + (size_t)b * rows + r, 0,
                    w + (size_t)r * blocks * wbytes, 0, xq + (size_t)b * blocks * xbytes, 0, 1);
        double t = now() - t0;
        if (t < best_theirs) best_theirs = t;
    }
    const int features = onramp_x86_features();
    const struct { const char *name; int needs; int (*product)(uint32_t, const onramp_matmul_args *); } paths[] = {
        {"avx2", ONRAMP_X86_AVX2, onramp_matmul_avx2},
        {"avx-vnni", ONRAMP_X86_AVX_VNNI, onramp_matmul_avx_vnni},
        {"avx512-vnni", ONRAMP_X86_AVX512_VNNI, onramp_matmul_avx512_vnni},
    };
    for (size_t p = 0; p < sizeof paths / sizeof paths[0]; p++) {
        if (!(features & paths[p].needs)) continue;
        double best_ours = 1e9;
        for (int repetition = 0; repetition < 30; repetition++) {
            onramp_matmul_args args = {w, (size_t)blocks * wbytes, blocks, xq, (size_t)blocks * xbytes, batch, 0, rows, ours, (size_t)rows};
            const double t0 = now();
            paths[p].product(type, &args);
            const double t = now() - t0;
            if (t < best_ours) best_ours = t;
        }
        const int same = memcmp(theirs, ours, sizeof(float) * rows * batch) == 0;
        printf("%s %5d x %4d batch %3d   llama.cpp %8.1f ns/row %5.1f GFLOP/s   onramp %-11s %8.1f ns/row %5.1f GFLOP/s   %.2fx   %s\n",
            q4_1 ? "q4_1" : "q8_0", rows, columns, batch,
            best_theirs * 1e9 / rows, 2.0 * rows * columns * batch / best_theirs / 1e9, paths[p].name,
            best_ours * 1e9 / rows, 2.0 * rows * columns * batch / best_ours / 1e9, best_theirs / best_ours,
            same ? "same bits" : "DIFFERENT BITS");
    }
    free(w); free(x); free(xq); free(theirs); free(ours);
}

int main(void) {
    ggml_cpu_init();
    if (!(onramp_x86_features() & ONRAMP_X86_AVX2)) {
        fprintf(stderr, "this CPU has no AVX2: nothing to compare\n");
        return 1;
    }
    measure(3, 1536, 576, 1);
    measure(3, 576, 1536, 1);
    measure(8, 4096, 576, 1);
    measure(3, 1536, 576, 64);
    measure(8, 1024, 576, 64);
    return 0;
}
