//===- Facts.cpp - Fact ordering and JSON form ----------------------------===//

#include "checkers/model/Facts.h"
#include <algorithm>

using namespace llvm;

namespace shutdown {

namespace {

// One key per fact type: what makes two facts the same, in a stable order.
auto key(const CallEdge &E) {
  return std::tie(E.Caller, E.Loc, E.Callee, E.Kind, E.Via, E.Guarded, E.Reason,
                  E.Path);
}
auto key(const OverrideFact &O) { return std::tie(O.Overrider, O.Base); }
auto key(const RootFact &R) {
  return std::tie(R.Kind, R.Function, R.Loc, R.Name, R.Registrar, R.Class,
                  R.InDll);
}
auto key(const BlockingSite &S) {
  return std::tie(S.Function, S.Loc, S.Callee, S.Prim, S.Targets, S.Reason,
                  S.Path, S.TargetText, S.Guarded, S.KnownThreadHandle);
}
auto key(const ThreadStart &T) {
  return std::tie(T.Target, T.Loc, T.Creator, T.Routine, T.RoutineName,
                  T.Handle);
}
auto key(const HandleCopy &C) { return std::tie(C.To, C.From); }
auto key(const ThreadField &F) {
  return std::tie(F.Id, F.Class, F.Name, F.Loc, F.ThreadObject);
}
auto key(const ClassFact &C) { return std::tie(C.Id, C.Name, C.Loc); }

// Keys cover every field, so equal keys mean equal facts and an unstable
// sort is still deterministic.

template <typename T> void sortUnique(std::vector<T> &V) {
  std::sort(V.begin(), V.end(),
            [](const T &A, const T &B) { return key(A) < key(B); });
  V.erase(std::unique(V.begin(), V.end(),
                      [](const T &A, const T &B) { return key(A) == key(B); }),
          V.end());
}

template <typename T> void appendAll(std::vector<T> &To, std::vector<T> &From) {
  if (To.empty())
    To = std::move(From);
  else
    To.insert(To.end(), std::make_move_iterator(From.begin()),
              std::make_move_iterator(From.end()));
}

} // namespace

// Each fact file field is written by one of these and read back by the
// matching fromJSON below; json::ObjectMapper reports the path of a bad field.
json::Value toJSON(const SourceLoc &L) {
  return json::Array{L.File, L.Line, L.Col};
}
bool fromJSON(const json::Value &V, SourceLoc &L, json::Path P) {
  const json::Array *A = V.getAsArray();
  if (!A || A->size() != 3) {
    P.report("expected [file, line, column]");
    return false;
  }
  auto File = (*A)[0].getAsString();
  auto Line = (*A)[1].getAsInteger(), Col = (*A)[2].getAsInteger();
  if (!File || !Line || !Col) {
    P.report("expected [file, line, column]");
    return false;
  }
  L.File = File->str();
  L.Line = *Line;
  L.Col = *Col;
  return true;
}

template <typename E> json::Value enumToJSON(E Value) {
  return static_cast<int64_t>(Value);
}
template <typename E>
bool enumFromJSON(const json::Value &V, E &Out, int Min, int Max,
                  json::Path P) {
  auto I = V.getAsInteger();
  if (!I || *I < Min || *I > Max) {
    P.report("enumerator out of range");
    return false;
  }
  Out = static_cast<E>(*I);
  return true;
}
bool fromJSON(const json::Value &V, DllReason &R, json::Path P) {
  return enumFromJSON(V, R, -1, 3, P);
}
bool fromJSON(const json::Value &V, DllPath &R, json::Path P) {
  return enumFromJSON(V, R, 0, 2, P);
}
bool fromJSON(const json::Value &V, EdgeKind &R, json::Path P) {
  return enumFromJSON(V, R, 0, 3, P);
}
bool fromJSON(const json::Value &V, RootKind &R, json::Path P) {
  return enumFromJSON(V, R, 0, 3, P);
}
bool fromJSON(const json::Value &V, Primitive &R, json::Path P) {
  return enumFromJSON(V, R, 0, 3, P);
}

json::Value toJSON(const FunctionFact &F) {
  return json::Object{{"id", F.Id},
                      {"name", F.Name},
                      {"loc", toJSON(F.Loc)},
                      {"external", F.External},
                      {"addressTaken", F.AddressTaken},
                      {"main", F.IsMain},
                      {"dllEntry", F.IsDllEntry},
                      {"destructorAttr", F.IsDestructorAttr}};
}
bool fromJSON(const json::Value &V, FunctionFact &F, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("id", F.Id) && O.map("name", F.Name) &&
         O.map("loc", F.Loc) && O.map("external", F.External) &&
         O.map("addressTaken", F.AddressTaken) && O.map("main", F.IsMain) &&
         O.map("dllEntry", F.IsDllEntry) &&
         O.map("destructorAttr", F.IsDestructorAttr);
}

json::Value toJSON(const CallEdge &E) {
  return json::Object{{"caller", E.Caller},
                      {"callee", E.Callee},
                      {"loc", toJSON(E.Loc)},
                      {"kind", enumToJSON(E.Kind)},
                      {"guarded", E.Guarded},
                      {"via", E.Via},
                      {"reason", enumToJSON(E.Reason)},
                      {"path", enumToJSON(E.Path)},
                      {"args", E.Args}};
}
bool fromJSON(const json::Value &V, CallEdge &E, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("caller", E.Caller) && O.map("callee", E.Callee) &&
         O.map("loc", E.Loc) && O.map("kind", E.Kind) &&
         O.map("guarded", E.Guarded) && O.map("via", E.Via) &&
         O.map("reason", E.Reason) && O.map("path", E.Path) &&
         O.mapOptional("args", E.Args);
}

json::Value toJSON(const OverrideFact &F) {
  return json::Object{{"overrider", F.Overrider}, {"base", F.Base}};
}
bool fromJSON(const json::Value &V, OverrideFact &F, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("overrider", F.Overrider) && O.map("base", F.Base);
}

json::Value toJSON(const RootFact &R) {
  return json::Object{{"kind", enumToJSON(R.Kind)},
                      {"function", R.Function},
                      {"name", R.Name},
                      {"loc", toJSON(R.Loc)},
                      {"registrar", R.Registrar},
                      {"class", R.Class},
                      {"inDll", R.InDll}};
}
bool fromJSON(const json::Value &V, RootFact &R, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("kind", R.Kind) && O.map("function", R.Function) &&
         O.map("name", R.Name) && O.map("loc", R.Loc) &&
         O.map("registrar", R.Registrar) && O.map("class", R.Class) &&
         O.map("inDll", R.InDll);
}

json::Value toJSON(const BlockingSite &S) {
  return json::Object{{"function", S.Function},
                      {"loc", toJSON(S.Loc)},
                      {"primitive", enumToJSON(S.Prim)},
                      {"callee", S.Callee},
                      {"targets", S.Targets},
                      {"targetText", S.TargetText},
                      {"guarded", S.Guarded},
                      {"knownThreadHandle", S.KnownThreadHandle},
                      {"reason", enumToJSON(S.Reason)},
                      {"path", enumToJSON(S.Path)}};
}
bool fromJSON(const json::Value &V, BlockingSite &S, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("function", S.Function) && O.map("loc", S.Loc) &&
         O.map("primitive", S.Prim) && O.map("callee", S.Callee) &&
         O.map("targets", S.Targets) && O.map("targetText", S.TargetText) &&
         O.map("guarded", S.Guarded) &&
         O.map("knownThreadHandle", S.KnownThreadHandle) &&
         O.map("reason", S.Reason) && O.map("path", S.Path);
}

json::Value toJSON(const ThreadStart &T) {
  return json::Object{{"target", T.Target},           {"loc", toJSON(T.Loc)},
                      {"creator", T.Creator},         {"routine", T.Routine},
                      {"routineName", T.RoutineName}, {"handle", T.Handle}};
}
bool fromJSON(const json::Value &V, ThreadStart &T, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("target", T.Target) && O.map("loc", T.Loc) &&
         O.map("creator", T.Creator) && O.map("routine", T.Routine) &&
         O.map("routineName", T.RoutineName) && O.map("handle", T.Handle);
}

json::Value toJSON(const HandleCopy &C) {
  return json::Object{{"to", C.To}, {"from", C.From}};
}
bool fromJSON(const json::Value &V, HandleCopy &C, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("to", C.To) && O.map("from", C.From);
}

json::Value toJSON(const ThreadField &F) {
  return json::Object{{"id", F.Id},
                      {"class", F.Class},
                      {"name", F.Name},
                      {"loc", toJSON(F.Loc)},
                      {"threadObject", F.ThreadObject}};
}
bool fromJSON(const json::Value &V, ThreadField &F, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("id", F.Id) && O.map("class", F.Class) &&
         O.map("name", F.Name) && O.map("loc", F.Loc) &&
         O.map("threadObject", F.ThreadObject);
}

json::Value toJSON(const ClassFact &C) {
  return json::Object{{"id", C.Id}, {"name", C.Name}, {"loc", toJSON(C.Loc)}};
}
bool fromJSON(const json::Value &V, ClassFact &C, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("id", C.Id) && O.map("name", C.Name) && O.map("loc", C.Loc);
}

template <typename T> json::Array arrayOf(const std::vector<T> &V) {
  json::Array A;
  A.reserve(V.size());
  for (const T &X : V)
    A.push_back(toJSON(X));
  return A;
}

void TUFacts::normalize() {
  // One fact per function: a TU that only takes a function's address, or
  // sees its definition again, adds its flags to the first one.
  std::sort(Functions.begin(), Functions.end(),
            [](const FunctionFact &A, const FunctionFact &B) {
              return std::tie(A.Id, A.Loc, A.Name) <
                     std::tie(B.Id, B.Loc, B.Name);
            });
  std::vector<FunctionFact> Merged;
  for (FunctionFact &F : Functions) {
    if (Merged.empty() || Merged.back().Id != F.Id) {
      Merged.push_back(std::move(F));
      continue;
    }
    FunctionFact &M = Merged.back();
    if (!M.Loc.valid() || (F.Loc.valid() && F.Loc < M.Loc)) {
      M.Loc = F.Loc;
      M.Name = F.Name;
    }
    if (M.Name.empty())
      M.Name = F.Name;
    M.External |= F.External;
    M.AddressTaken |= F.AddressTaken;
    M.IsMain |= F.IsMain;
    M.IsDllEntry |= F.IsDllEntry;
    M.IsDestructorAttr |= F.IsDestructorAttr;
  }
  Functions = std::move(Merged);
  sortUnique(Calls);
  sortUnique(Overrides);
  sortUnique(Roots);
  sortUnique(Sites);
  sortUnique(Starts);
  sortUnique(Copies);
  sortUnique(Fields);
  sortUnique(Classes);
}

void TUFacts::append(TUFacts Other) {
  appendAll(Functions, Other.Functions);
  appendAll(Calls, Other.Calls);
  appendAll(Overrides, Other.Overrides);
  appendAll(Roots, Other.Roots);
  appendAll(Sites, Other.Sites);
  appendAll(Starts, Other.Starts);
  appendAll(Copies, Other.Copies);
  appendAll(Fields, Other.Fields);
  appendAll(Classes, Other.Classes);
}

json::Value toJSON(const TUFacts &F) {
  return json::Object{
      {"version", FactsVersion},           {"mainFile", F.MainFile},
      {"functions", arrayOf(F.Functions)}, {"calls", arrayOf(F.Calls)},
      {"overrides", arrayOf(F.Overrides)}, {"roots", arrayOf(F.Roots)},
      {"sites", arrayOf(F.Sites)},         {"starts", arrayOf(F.Starts)},
      {"copies", arrayOf(F.Copies)},       {"fields", arrayOf(F.Fields)},
      {"classes", arrayOf(F.Classes)}};
}

Expected<TUFacts> factsFromJSON(const json::Value &V) {
  json::Path::Root Root("facts");
  json::ObjectMapper O(V, Root);
  int Version = 0;
  if (!O || !O.map("version", Version))
    return createStringError("not a fact file");
  if (Version != FactsVersion)
    return createStringError("fact format version " + std::to_string(Version) +
                             ", expected " + std::to_string(FactsVersion));
  TUFacts F;
  if (!(O.map("mainFile", F.MainFile) && O.map("functions", F.Functions) &&
        O.map("calls", F.Calls) && O.map("overrides", F.Overrides) &&
        O.map("roots", F.Roots) && O.map("sites", F.Sites) &&
        O.map("starts", F.Starts) && O.map("copies", F.Copies) &&
        O.map("fields", F.Fields) && O.map("classes", F.Classes)))
    return Root.getError();
  return F;
}

} // namespace shutdown
