{
  "targets": [
    {
      "target_name": "ristretto255_sodium",
      "sources": ["ristretto255_sodium.c"],
      "libraries": ["-lsodium"],
      "cflags": ["-O2", "-Wall", "-Wextra"]
    }
  ]
}
