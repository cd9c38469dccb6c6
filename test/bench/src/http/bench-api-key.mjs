/** The admin key the benchmark's API process accepts (local, throwaway). */
export const BENCH_API_KEY = "bench-admin-key-0000000001";
