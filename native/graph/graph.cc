// A thin N-API binding of TensorFlow's C graph API: build a graph op by op, add symbolic gradients
// (TF_AddGradients), open a session and run it with float32 feeds and fetches. The training graph itself is
// assembled in TypeScript (lib/graph/); this file only translates values between JavaScript and the C API.
#include <node_api.h>
#include <tensorflow/c/c_api.h>

#include <cstring>
#include <string>
#include <vector>

namespace {

// One graph and (once opened) its session: freed together, the session first.
struct Box {
  TF_Graph* graph = TF_NewGraph();
  TF_Session* session = nullptr;
  void Close() {
    if (!session) return;
    TF_Status* s = TF_NewStatus();
    TF_CloseSession(session, s);
    TF_DeleteSession(session, s);
    TF_DeleteStatus(s);
    session = nullptr;
  }
  ~Box() {
    Close();
    TF_DeleteGraph(graph);
  }
};

// Thrown inside a call, turned into a JavaScript Error at the boundary.
struct Failure {
  std::string message;
};

void Check(napi_status status, const char* what) {
  if (status != napi_ok) throw Failure{std::string("replearn graph: bad argument (") + what + ")"};
}

void CheckTf(TF_Status* s, const std::string& what) {
  if (TF_GetCode(s) != TF_OK) throw Failure{what + ": " + TF_Message(s)};
}

struct StatusGuard {
  TF_Status* s = TF_NewStatus();
  ~StatusGuard() { TF_DeleteStatus(s); }
};

std::string String(napi_env env, napi_value v) {
  size_t n = 0;
  Check(napi_get_value_string_utf8(env, v, nullptr, 0, &n), "string");
  std::string out(n, '\0');
  Check(napi_get_value_string_utf8(env, v, &out[0], n + 1, &n), "string");
  return out;
}

double Number(napi_env env, napi_value v) {
  double d = 0;
  Check(napi_get_value_double(env, v, &d), "number");
  return d;
}

uint32_t Length(napi_env env, napi_value array) {
  uint32_t n = 0;
  Check(napi_get_array_length(env, array, &n), "array");
  return n;
}

napi_value At(napi_env env, napi_value array, uint32_t i) {
  napi_value v;
  Check(napi_get_element(env, array, i, &v), "array element");
  return v;
}

bool IsArray(napi_env env, napi_value v) {
  bool is = false;
  napi_is_array(env, v, &is);
  return is;
}

std::vector<int64_t> Ints(napi_env env, napi_value array) {
  std::vector<int64_t> out(Length(env, array));
  for (uint32_t i = 0; i < out.size(); i++) out[i] = static_cast<int64_t>(Number(env, At(env, array, i)));
  return out;
}

Box* Unwrap(napi_env env, napi_value v) {
  void* data = nullptr;
  Check(napi_get_value_external(env, v, &data), "graph handle");
  return static_cast<Box*>(data);
}

// An output written [opName, index] in JavaScript.
TF_Output OutputOf(napi_env env, Box* box, napi_value pair) {
  std::string name = String(env, At(env, pair, 0));
  TF_Operation* op = TF_GraphOperationByName(box->graph, name.c_str());
  if (!op) throw Failure{"replearn graph: no operation named " + name};
  return TF_Output{op, static_cast<int>(Number(env, At(env, pair, 1)))};
}

std::vector<TF_Output> OutputsOf(napi_env env, Box* box, napi_value array) {
  std::vector<TF_Output> out(Length(env, array));
  for (uint32_t i = 0; i < out.size(); i++) out[i] = OutputOf(env, box, At(env, array, i));
  return out;
}

TF_DataType DataType(const std::string& name) {
  if (name == "float32") return TF_FLOAT;
  if (name == "int32") return TF_INT32;
  throw Failure{"replearn graph: unsupported dtype " + name};
}

// A tensor attribute {dtype, shape, data: Float32Array | Int32Array}, copied.
TF_Tensor* TensorOf(napi_env env, napi_value spec) {
  napi_value v;
  Check(napi_get_named_property(env, spec, "dtype", &v), "tensor dtype");
  TF_DataType dtype = DataType(String(env, v));
  Check(napi_get_named_property(env, spec, "shape", &v), "tensor shape");
  std::vector<int64_t> dims = Ints(env, v);
  Check(napi_get_named_property(env, spec, "data", &v), "tensor data");
  napi_typedarray_type type;
  size_t length = 0;
  void* data = nullptr;
  Check(napi_get_typedarray_info(env, v, &type, &length, &data, nullptr, nullptr), "tensor data");
  size_t bytes = length * 4;
  TF_Tensor* t = TF_AllocateTensor(dtype, dims.data(), static_cast<int>(dims.size()), bytes);
  if (TF_TensorByteSize(t) != bytes) {
    TF_DeleteTensor(t);
    throw Failure{"replearn graph: tensor data does not fit its shape"};
  }
  std::memcpy(TF_TensorData(t), data, bytes);
  return t;
}

void SetAttr(napi_env env, TF_OperationDescription* d, napi_value attr) {
  std::string name = String(env, At(env, attr, 0));
  std::string kind = String(env, At(env, attr, 1));
  napi_value value = At(env, attr, 2);
  const char* n = name.c_str();
  if (kind == "type") {
    TF_SetAttrType(d, n, DataType(String(env, value)));
  } else if (kind == "shape") {
    napi_valuetype t;
    napi_typeof(env, value, &t);
    if (t == napi_null) {
      TF_SetAttrShape(d, n, nullptr, -1);
    } else {
      std::vector<int64_t> dims = Ints(env, value);
      TF_SetAttrShape(d, n, dims.data(), static_cast<int>(dims.size()));
    }
  } else if (kind == "int") {
    TF_SetAttrInt(d, n, static_cast<int64_t>(Number(env, value)));
  } else if (kind == "ints") {
    std::vector<int64_t> list = Ints(env, value);
    TF_SetAttrIntList(d, n, list.data(), static_cast<int>(list.size()));
  } else if (kind == "float") {
    TF_SetAttrFloat(d, n, static_cast<float>(Number(env, value)));
  } else if (kind == "bool") {
    bool b = false;
    Check(napi_get_value_bool(env, value, &b), "bool attribute");
    TF_SetAttrBool(d, n, b ? 1 : 0);
  } else if (kind == "string") {
    std::string s = String(env, value);
    TF_SetAttrString(d, n, s.data(), s.size());
  } else if (kind == "tensor") {
    TF_Tensor* t = TensorOf(env, value);
    StatusGuard g;
    TF_SetAttrTensor(d, n, t, g.s);
    TF_DeleteTensor(t);
    CheckTf(g.s, "attribute " + name);
  } else {
    throw Failure{"replearn graph: unknown attribute kind " + kind};
  }
}

std::vector<napi_value> Args(napi_env env, napi_callback_info info, size_t want) {
  std::vector<napi_value> argv(want);
  size_t argc = want;
  Check(napi_get_cb_info(env, info, &argc, argv.data(), nullptr, nullptr), "arguments");
  if (argc < want) throw Failure{"replearn graph: expected " + std::to_string(want) + " arguments"};
  return argv;
}

napi_value PairValue(napi_env env, TF_Output o) {
  napi_value pair, name, index;
  napi_create_array_with_length(env, 2, &pair);
  napi_create_string_utf8(env, TF_OperationName(o.oper), NAPI_AUTO_LENGTH, &name);
  napi_create_int32(env, o.index, &index);
  napi_set_element(env, pair, 0, name);
  napi_set_element(env, pair, 1, index);
  return pair;
}

// Runs `body`, turning a Failure into a thrown JavaScript Error.
template <typename F>
napi_value Guarded(napi_env env, F body) {
  try {
    return body();
  } catch (const Failure& f) {
    napi_throw_error(env, nullptr, f.message.c_str());
    return nullptr;
  }
}

// newGraph(): an empty graph.
napi_value NewGraph(napi_env env, napi_callback_info) {
  return Guarded(env, [&]() {
    napi_value out;
    Box* box = new Box();
    Check(napi_create_external(
              env, box, [](napi_env, void* data, void*) { delete static_cast<Box*>(data); }, nullptr, &out),
          "external");
    return out;
  });
}

// addOperation(graph, type, name, inputs, attrs, controlInputs): adds one op; returns its output count.
// An input is [opName, index], or an array of those for a list input.
napi_value AddOperation(napi_env env, napi_callback_info info) {
  return Guarded(env, [&]() {
    auto argv = Args(env, info, 6);
    Box* box = Unwrap(env, argv[0]);
    std::string type = String(env, argv[1]);
    std::string name = String(env, argv[2]);
    TF_OperationDescription* d = TF_NewOperation(box->graph, type.c_str(), name.c_str());
    try {
      for (uint32_t i = 0, n = Length(env, argv[3]); i < n; i++) {
        napi_value input = At(env, argv[3], i);
        napi_value first = At(env, input, 0);
        if (IsArray(env, first)) {
          std::vector<TF_Output> list = OutputsOf(env, box, input);
          TF_AddInputList(d, list.data(), static_cast<int>(list.size()));
        } else {
          TF_AddInput(d, OutputOf(env, box, input));
        }
      }
      for (uint32_t i = 0, n = Length(env, argv[4]); i < n; i++) SetAttr(env, d, At(env, argv[4], i));
      for (uint32_t i = 0, n = Length(env, argv[5]); i < n; i++) {
        std::string control = String(env, At(env, argv[5], i));
        TF_Operation* op = TF_GraphOperationByName(box->graph, control.c_str());
        if (!op) throw Failure{"replearn graph: no operation named " + control};
        TF_AddControlInput(d, op);
      }
    } catch (...) {
      StatusGuard g;
      TF_FinishOperation(d, g.s);  // the only way to release a description
      throw;
    }
    StatusGuard g;
    TF_Operation* op = TF_FinishOperation(d, g.s);
    CheckTf(g.s, type + " " + name);
    napi_value out;
    napi_create_int32(env, TF_OperationNumOutputs(op), &out);
    return out;
  });
}

// addGradients(graph, ys, xs, prefix): the outputs holding d(sum ys)/d xs, one per x.
napi_value AddGradients(napi_env env, napi_callback_info info) {
  return Guarded(env, [&]() {
    auto argv = Args(env, info, 4);
    Box* box = Unwrap(env, argv[0]);
    std::vector<TF_Output> ys = OutputsOf(env, box, argv[1]);
    std::vector<TF_Output> xs = OutputsOf(env, box, argv[2]);
    std::string prefix = String(env, argv[3]);
    std::vector<TF_Output> dx(xs.size());
    StatusGuard g;
    TF_AddGradientsWithPrefix(box->graph, prefix.c_str(), ys.data(), static_cast<int>(ys.size()), xs.data(),
                              static_cast<int>(xs.size()), nullptr, g.s, dx.data());
    CheckTf(g.s, "TF_AddGradients");
    napi_value out;
    napi_create_array_with_length(env, dx.size(), &out);
    for (uint32_t i = 0; i < dx.size(); i++) {
      if (!dx[i].oper) throw Failure{"TF_AddGradients: no gradient path to input " + std::to_string(i)};
      napi_set_element(env, out, i, PairValue(env, dx[i]));
    }
    return out;
  });
}

void Varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// openSession(graph, intraOpThreads, interOpThreads): 0 leaves TensorFlow's default.
napi_value OpenSession(napi_env env, napi_callback_info info) {
  return Guarded(env, [&]() {
    auto argv = Args(env, info, 3);
    Box* box = Unwrap(env, argv[0]);
    box->Close();
    // ConfigProto: intra_op_parallelism_threads = field 2, inter_op_parallelism_threads = field 5 (varints).
    std::string config;
    uint64_t intra = static_cast<uint64_t>(Number(env, argv[1]));
    uint64_t inter = static_cast<uint64_t>(Number(env, argv[2]));
    if (intra > 0) config.push_back(0x10), Varint(config, intra);
    if (inter > 0) config.push_back(0x28), Varint(config, inter);
    StatusGuard g;
    TF_SessionOptions* options = TF_NewSessionOptions();
    TF_SetConfig(options, config.data(), config.size(), g.s);
    if (TF_GetCode(g.s) == TF_OK) box->session = TF_NewSession(box->graph, options, g.s);
    TF_DeleteSessionOptions(options);
    CheckTf(g.s, "TF_NewSession");
    napi_value undefined;
    napi_get_undefined(env, &undefined);
    return undefined;
  });
}

// run(graph, feeds, fetches, targets): feeds are [[opName, index], Float32Array, shape]; returns one Float32Array
// per fetch (float32 outputs only). targets are op names run for their effect.
napi_value Run(napi_env env, napi_callback_info info) {
  return Guarded(env, [&]() {
    auto argv = Args(env, info, 4);
    Box* box = Unwrap(env, argv[0]);
    if (!box->session) throw Failure{"replearn graph: run before openSession"};
    uint32_t nFeeds = Length(env, argv[1]);
    std::vector<TF_Output> feeds(nFeeds);
    std::vector<TF_Tensor*> values(nFeeds, nullptr);
    std::vector<TF_Output> fetches = OutputsOf(env, box, argv[2]);
    std::vector<TF_Tensor*> results(fetches.size(), nullptr);
    std::vector<TF_Operation*> targets(Length(env, argv[3]));
    auto release = [&]() {
      for (TF_Tensor* t : values)
        if (t) TF_DeleteTensor(t);
      for (TF_Tensor* t : results)
        if (t) TF_DeleteTensor(t);
    };
    try {
      for (uint32_t i = 0; i < targets.size(); i++) {
        std::string name = String(env, At(env, argv[3], i));
        targets[i] = TF_GraphOperationByName(box->graph, name.c_str());
        if (!targets[i]) throw Failure{"replearn graph: no operation named " + name};
      }
      for (uint32_t i = 0; i < nFeeds; i++) {
        napi_value feed = At(env, argv[1], i);
        feeds[i] = OutputOf(env, box, At(env, feed, 0));
        napi_typedarray_type type;
        size_t length = 0;
        void* data = nullptr;
        Check(napi_get_typedarray_info(env, At(env, feed, 1), &type, &length, &data, nullptr, nullptr), "feed data");
        if (type != napi_float32_array) throw Failure{"replearn graph: feeds must be Float32Arrays"};
        std::vector<int64_t> dims = Ints(env, At(env, feed, 2));
        // Copied: TensorFlow may keep a fed buffer alive (an assigned variable can alias it).
        values[i] = TF_AllocateTensor(TF_FLOAT, dims.data(), static_cast<int>(dims.size()), length * 4);
        if (TF_TensorByteSize(values[i]) != length * 4) throw Failure{"replearn graph: feed does not fit its shape"};
        std::memcpy(TF_TensorData(values[i]), data, length * 4);
      }
      StatusGuard g;
      TF_SessionRun(box->session, nullptr, feeds.data(), values.data(), static_cast<int>(nFeeds), fetches.data(),
                    results.data(), static_cast<int>(fetches.size()), targets.data(),
                    static_cast<int>(targets.size()), nullptr, g.s);
      CheckTf(g.s, "TF_SessionRun");
      napi_value out;
      napi_create_array_with_length(env, results.size(), &out);
      for (uint32_t i = 0; i < results.size(); i++) {
        if (TF_TensorType(results[i]) != TF_FLOAT) throw Failure{"replearn graph: fetched a non-float32 tensor"};
        size_t bytes = TF_TensorByteSize(results[i]);
        void* copy = nullptr;
        napi_value buffer, array;
        Check(napi_create_arraybuffer(env, bytes, &copy, &buffer), "result buffer");
        std::memcpy(copy, TF_TensorData(results[i]), bytes);
        Check(napi_create_typedarray(env, napi_float32_array, bytes / 4, buffer, 0, &array), "result array");
        napi_set_element(env, out, i, array);
      }
      release();
      return out;
    } catch (...) {
      release();
      throw;
    }
  });
}

// closeSession(graph): frees the session now (the graph's finalizer would otherwise).
napi_value CloseSession(napi_env env, napi_callback_info info) {
  return Guarded(env, [&]() {
    auto argv = Args(env, info, 1);
    Unwrap(env, argv[0])->Close();
    napi_value undefined;
    napi_get_undefined(env, &undefined);
    return undefined;
  });
}

napi_value Init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"newGraph", nullptr, NewGraph, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"addOperation", nullptr, AddOperation, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"addGradients", nullptr, AddGradients, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"openSession", nullptr, OpenSession, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"run", nullptr, Run, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"closeSession", nullptr, CloseSession, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
