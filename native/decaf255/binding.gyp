{
  "targets": [
    {
      "target_name": "decaf255",
      "sources": ["scratch.c", "ristretto.c", "msm.c", "batch.c", "decaf255_napi.c"],
      "include_dirs": ["/usr/include/decaf"],
      "libraries": ["-ldecaf"],
      "cflags": ["-O2", "-Wall", "-Wextra", "-std=c11"]
    }
  ]
}
