{
  "variables": {
    "tf_include%": "<!(node -p \"process.env.REPLEARN_GRAPH_TF_INCLUDE || ''\")",
    "tf_capi%": "<!(node -p \"process.env.REPLEARN_GRAPH_TF_CAPI || ''\")",
    "tf_framework%": "<!(node -p \"process.env.REPLEARN_GRAPH_TF_FRAMEWORK || ''\")",
    "tf_libdir%": "<!(node -p \"require('path').dirname(process.env.REPLEARN_GRAPH_TF_CAPI || '.')\")"
  },
  "targets": [
    {
      "target_name": "replearn_graph",
      "sources": ["graph.cc"],
      "include_dirs": ["<(tf_include)"],
      "cflags_cc": ["-std=c++17", "-O2", "-fexceptions"],
      "cflags_cc!": ["-fno-exceptions"],
      "libraries": ["<(tf_capi)", "<(tf_framework)", "-Wl,-rpath,<(tf_libdir)"],
      "defines": ["NAPI_VERSION=8"]
    }
  ]
}
