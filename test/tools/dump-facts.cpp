//===- dump-facts.cpp - One translation unit's facts, as text -------------===//
//
//   shutdown-dump-facts [--option=Key=Value ...] file.cpp -- <compiler args>
//
// Prints what extraction finds in one translation unit, for the tests of
// test/model: one fact per line, in the order of their locations (the
// copies and overrides, which have none, last), ids replaced by names
// ("Worker::m_hThread", "R:startWorker", "P:wait#0").
// Locations are file name, line and column. The options are the check
// options of docs/configuration.md; without them, the defaults.
//
//   function <loc> <name> [external] [address-taken] [main] [dll-entry]
//            [destructor-attribute] [constructor-attribute] [dependency]
//            [exported] [extern-c]
//   class    <loc> <name>
//   field    <loc> <name> of <class> [thread-object]
//   root     <loc> <kind> <name> [registrar=<f>] [class=<c>] [in-dll]
//            [intentional]
//   call     <loc> <caller> -> <callee> <kind> [via='<text>'] <context>
//            [intentional] [args=<index>=<place>,...] [on=<object>]
//            [objects=<index>=<object>,...] [exiting=<index>=<+|->,...]
//            [when=<index>=<0|1>,...]
//   site     <loc> <function> <primitive> '<callee>' on '<text>'
//            targets=<place>,... [thread-handle] <context> [of=<object>]
//            [timeout=<ms|bounded>] [in-loop] [then=<callee>]
//            [when=<index>=<0|1>,...]
//   start    <loc> <creator> -> <place> [routine=<name>] [handle] [in=<name>]
//   return   <function> <object>
//   lookup   <loc> <name>
//   copy     <place> <- <place>
//   override <overrider> -> <base>
//   annotation <loc> <name>
//
// where <object> is an object reference (checkers/model/Facts.h) with the
// ids in it replaced by names, and <context> is "guarded" or "unguarded", then
// reason=<DLL_... or any> and path=<free-library, process-exit or unknown>.
//
//===----------------------------------------------------------------------===//

#include "checkers/model/Extractor.h"
#include "checkers/model/Finding.h"
#include "checkers/model/extract/Extraction.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Index/USRGeneration.h"
#include "clang/Options/OptionUtils.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include <algorithm>

using namespace clang;
using namespace clang::tooling;
using namespace llvm;
using namespace shutdown;

static cl::OptionCategory Category("shutdown-dump-facts options");
static cl::list<std::string>
    Options("option", cl::desc("A check option, as Key=Value (repeatable)"),
            cl::value_desc("Key=Value"), cl::cat(Category));

namespace {

/// The names of the user code's declarations, by USR.
class Names : public RecursiveASTVisitor<Names> {
public:
  explicit Names(ASTContext &Ctx) : SM(Ctx.getSourceManager()) {
    TraverseAST(Ctx);
  }
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }
  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitNamedDecl(NamedDecl *D) {
    SmallString<128> Usr;
    if (!index::generateUSRForDecl(D, Usr))
      ByUsr.try_emplace(Usr, extract::qualifiedName(D));
    return true;
  }
  StringMap<std::string> ByUsr;

private:
  SourceManager &SM;
};
} // namespace

/// The model's name of a reason ("DLL_PROCESS_DETACH"), "any" for none.
static StringRef reasonLabel(DllReason R) {
  return R == DllReason::Any ? StringRef("any") : shutdown::reasonName(R);
}

static StringRef pathName(DllPath P) {
  switch (P) {
  case DllPath::Unknown:
    return "unknown";
  case DllPath::FreeLibrary:
    return "free-library";
  case DllPath::ProcessExit:
    return "process-exit";
  }
  return "?";
}

static StringRef edgeName(EdgeKind K) {
  switch (K) {
  case EdgeKind::Call:
    return "call";
  case EdgeKind::VirtualCall:
    return "virtual";
  case EdgeKind::Destroys:
    return "destroys";
  case EdgeKind::DestroysPointee:
    return "destroys-pointee";
  }
  return "?";
}

static StringRef primitiveName(Primitive P) {
  switch (P) {
  case Primitive::Join:
    return "join";
  case Primitive::JoiningDtor:
    return "joining-destructor";
  case Primitive::JoinFunction:
    return "join-function";
  case Primitive::Win32Wait:
    return "win32-wait";
  case Primitive::SignalWait:
    return "signal-wait";
  case Primitive::LoaderLockCall:
    return "loader-lock-call";
  }
  return "?";
}

static StringRef rootName(RootKind K) {
  switch (K) {
  case RootKind::StaticDestructor:
    return "static-destructor";
  case RootKind::AtExit:
    return "atexit";
  case RootKind::DestructorFunction:
    return "destructor-function";
  case RootKind::DllEntry:
    return "dll-entry";
  case RootKind::ThreadLocalDestructor:
    return "thread-local-destructor";
  case RootKind::StaticInitializer:
    return "static-initializer";
  case RootKind::ConstructorFunction:
    return "constructor-function";
  case RootKind::TlsCallback:
    return "tls-callback";
  }
  return "?";
}

namespace {

class Printer {
public:
  Printer(const TUFacts &F, const Names &N) : N(N) {
    for (const FunctionFact &Fn : F.Functions)
      if (!Fn.Name.empty())
        ById[Fn.Id] = Fn.Name;
    for (const ThreadField &Fd : F.Fields)
      ById.try_emplace(Fd.Id, Fd.Name);
    for (const ClassFact &C : F.Classes)
      ById.try_emplace(C.Id, C.Name);
  }

  /// A function, variable, member, class or place, by name.
  std::string name(StringRef Id) const {
    if (auto It = ById.find(Id); It != ById.end())
      return It->second;
    for (StringRef Prefix : {"D:", "V:", "R:"})
      if (Id.starts_with(Prefix))
        return (Prefix + name(Id.drop_front(2))).str();
    if (Id.starts_with("P:")) {
      auto [Fn, Index] = Id.drop_front(2).rsplit('#');
      return "P:" + name(Fn) + "#" + Index.str();
    }
    if (auto It = N.ByUsr.find(Id); It != N.ByUsr.end())
      return It->second;
    return Id.str();
  }

  /// An object reference, its ids by name: "var:gWorker",
  /// "ret:Worker::instance|".
  std::string object(StringRef Ref) const {
    for (StringRef Prefix : {"var:", "param:"})
      if (Ref.starts_with(Prefix)) {
        StringRef Rest = Ref.drop_front(Prefix.size());
        if (Prefix == "param:") {
          auto [Fn, Index] = Rest.rsplit('#');
          return (Prefix + name(Fn) + "#" + Index).str();
        }
        return (Prefix + name(Rest)).str();
      }
    if (Ref.consume_front("ret:")) {
      auto [Fn, Inner] = Ref.split('|');
      return "ret:" + name(Fn) + "|" + object(Inner);
    }
    return Ref.str();
  }

  /// "<index>=<object>,...", each object by name.
  std::string indexed(ArrayRef<FactString> L, bool Objects) const {
    std::string S;
    for (StringRef A : L) {
      auto [Index, Value] = StringRef(A).split('=');
      S += (S.empty() ? "" : ",") + Index.str() + "=" +
           (Objects ? object(Value) : Value.str());
    }
    return S;
  }

  std::string names(ArrayRef<FactString> Ids) const {
    std::string S;
    for (StringRef Id : Ids)
      S += (S.empty() ? "" : ",") + name(Id);
    return S.empty() ? "-" : S;
  }

  static std::string loc(const FactLoc &L) {
    if (!L.valid())
      return "-";
    return (sys::path::filename(L.File) + ":" + Twine(L.Line) + ":" +
            Twine(L.Col))
        .str();
  }

  static std::string context(bool Guarded, DllReason R, DllPath P) {
    return (Twine(Guarded ? "guarded" : "unguarded") +
            " reason=" + reasonLabel(R) + " path=" + pathName(P))
        .str();
  }

  /// Adds one line, of one of the kinds of Kinds.
  void add(StringRef Kind, const FactLoc &L, std::string Line) {
    Lines.push_back({L, kindOrder(Kind), std::move(Line)});
  }

  void print(raw_ostream &OS) {
    llvm::sort(Lines, [](const Entry &A, const Entry &B) {
      return std::make_tuple(!A.Loc.valid(), std::cref(A.Loc), A.Kind,
                             std::cref(A.Text)) <
             std::make_tuple(!B.Loc.valid(), std::cref(B.Loc), B.Kind,
                             std::cref(B.Text));
    });
    for (const Entry &E : Lines)
      OS << E.Text << "\n";
  }

private:
  static unsigned kindOrder(StringRef Kind) {
    static constexpr StringRef Kinds[] = {
        "function", "class", "field",    "root",       "call",   "site",
        "start",    "copy",  "override", "annotation", "return", "lookup"};
    return llvm::find(Kinds, Kind) - std::begin(Kinds);
  }

  struct Entry {
    SourceLoc Loc;
    unsigned Kind;
    std::string Text;
  };
  const Names &N;
  StringMap<std::string> ById; ///< Functions, fields, classes.
  std::vector<Entry> Lines;
};
} // namespace

static void print(const TUFacts &F, const Names &N, raw_ostream &OS) {
  Printer P(F, N);
  auto Flag = [](bool On, StringRef Text) {
    return On ? (" " + Text).str() : std::string();
  };
  for (const FunctionFact &Fn : F.Functions)
    P.add("function", Fn.Loc,
          "function " + P.loc(Fn.Loc) + " " + P.name(Fn.Id) +
              Flag(Fn.External, "external") +
              Flag(Fn.AddressTaken, "address-taken") + Flag(Fn.IsMain, "main") +
              Flag(Fn.IsDllEntry, "dll-entry") +
              Flag(Fn.IsDestructorAttr, "destructor-attribute") +
              Flag(Fn.IsConstructorAttr, "constructor-attribute") +
              Flag(Fn.Dependency, "dependency") +
              Flag(Fn.Exported, "exported") + Flag(Fn.ExternC, "extern-c"));
  for (const ClassFact &C : F.Classes)
    P.add("class", C.Loc, "class " + P.loc(C.Loc) + " " + C.Name.str());
  for (const ThreadField &Fd : F.Fields)
    P.add("field", Fd.Loc,
          "field " + P.loc(Fd.Loc) + " " + Fd.Name.str() + " of " +
              P.name(Fd.Class) + Flag(Fd.ThreadObject, "thread-object"));
  for (const RootFact &R : F.Roots)
    P.add("root", R.Loc,
          "root " + P.loc(R.Loc) + " " + rootName(R.Kind).str() + " " +
              R.Name.str() +
              (R.Registrar.empty() ? "" : " registrar=" + R.Registrar.str()) +
              (R.Class.empty() ? "" : " class=" + P.name(R.Class)) +
              Flag(R.InDll, "in-dll") + Flag(R.Intentional, "intentional"));
  auto Listed = [](StringRef Key, const std::string &Text) {
    return Text.empty() ? std::string() : (" " + Key + "=" + Text).str();
  };
  for (const CallEdge &E : F.Calls) {
    std::string Args;
    for (StringRef A : E.passes().Args) {
      auto [Index, Place] = StringRef(A).split('=');
      Args +=
          (Args.empty() ? " args=" : ",") + Index.str() + "=" + P.name(Place);
    }
    P.add("call", E.Loc,
          "call " + P.loc(E.Loc) + " " + P.name(E.Caller) + " -> " +
              P.name(E.Callee) + " " + edgeName(E.Kind).str() +
              (E.Via.empty() ? "" : " via='" + E.Via.str() + "'") + " " +
              P.context(E.Guarded, E.Reason, E.Path) +
              Flag(E.Intentional, "intentional") + Args +
              (E.Receiver.empty() ? "" : " on=" + P.object(E.Receiver)) +
              Listed("objects", P.indexed(E.passes().ObjectArgs, true)) +
              Listed("exiting", P.indexed(E.passes().PathArgs, false)) +
              Listed("when", P.indexed(E.passes().ParamConds, false)));
  }
  for (const BlockingSite &S : F.Sites)
    P.add("site", S.Loc,
          "site " + P.loc(S.Loc) + " " + P.name(S.Function) + " " +
              primitiveName(S.Prim).str() + " '" + S.Callee.str() + "' on '" +
              S.TargetText.str() + "' targets=" + P.names(S.Targets) +
              Flag(S.KnownThreadHandle, "thread-handle") + " " +
              P.context(S.Guarded, S.Reason, S.Path) +
              (S.Receiver.empty() ? "" : " of=" + P.object(S.Receiver)) +
              (S.TimeoutMs == Untimed ? ""
               : S.TimeoutMs == BoundedUnknown
                   ? " timeout=bounded"
                   : " timeout=" + std::to_string(S.TimeoutMs)) +
              Flag(S.InLoop, "in-loop") +
              (S.Then.empty() ? "" : " then=" + S.Then.str()) +
              Listed("when", P.indexed(S.ParamConds, false)));
  for (const ThreadStart &T : F.Starts)
    P.add("start", T.Loc,
          "start " + P.loc(T.Loc) + " " + T.Creator.str() + " -> " +
              (T.Target.empty() ? "-" : P.name(T.Target)) +
              (T.RoutineName.empty() ? "" : " routine=" + T.RoutineName.str()) +
              Flag(T.Handle, "handle") +
              (T.Function.empty() ? "" : " in=" + P.name(T.Function)));
  for (const HandleCopy &C : F.Copies)
    P.add("copy", {}, "copy " + P.name(C.To) + " <- " + P.name(C.From));
  for (const OverrideFact &O : F.Overrides)
    P.add("override", {},
          "override " + P.name(O.Overrider) + " -> " + P.name(O.Base));
  for (const AnnotationFact &A : F.Annotations)
    P.add("annotation", A.Loc,
          "annotation " + P.loc(A.Loc) + " " + A.Name.str());
  for (const ReturnFact &R : F.Returns)
    P.add("return", {},
          "return " + P.name(R.Function) + " " + P.object(R.Object));
  for (const LookupFact &L : F.Lookups)
    P.add("lookup", L.Loc, "lookup " + P.loc(L.Loc) + " " + L.Name.str());
  P.print(OS);
}

namespace {

class DumpConsumer : public ASTConsumer {
public:
  explicit DumpConsumer(const ModelOptions &Opts) : Opts(Opts) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    TUFacts Facts = extractFacts(Ctx, Opts);
    print(Facts, Names(Ctx), outs());
  }

private:
  const ModelOptions &Opts;
};

class DumpAction : public ASTFrontendAction {
public:
  explicit DumpAction(const ModelOptions &Opts) : Opts(Opts) {}

protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 StringRef) override {
    return std::make_unique<DumpConsumer>(Opts);
  }

private:
  const ModelOptions &Opts;
};

class DumpFactory : public FrontendActionFactory {
public:
  explicit DumpFactory(const ModelOptions &Opts) : Opts(Opts) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<DumpAction>(Opts);
  }

private:
  const ModelOptions &Opts;
};
} // namespace

int main(int argc, const char **argv) {
  auto Parser = CommonOptionsParser::create(argc, argv, Category);
  if (!Parser) {
    WithColor::error(errs(), "shutdown-dump-facts")
        << toString(Parser.takeError()) << "\n";
    return 2;
  }
  StringMap<std::string> Values;
  for (StringRef O : Options) {
    auto [Key, Value] = O.split('=');
    Values[Key] = Value.str();
  }
  bool Bad = false;
  ModelOptions Opts = ModelOptions::fromOptions(
      [&](StringRef Key) -> std::optional<std::string> {
        if (auto It = Values.find(Key); It != Values.end())
          return It->second;
        return std::nullopt;
      },
      [&](const OptionError &E) {
        WithColor::error(errs(), "shutdown-dump-facts")
            << "invalid value '" << E.Value << "' for option '" << E.Key
            << "': expected " << E.Expected << "\n";
        Bad = true;
      });
  if (Bad)
    return 2;

  ClangTool Tool(Parser->getCompilations(), Parser->getSourcePathList());
  // From a build tree, clang's resource directory is the installed one.
  std::string Own =
      clang::GetResourcesPath(argv[0], reinterpret_cast<void *>(&main));
  if (!sys::fs::is_directory(Own))
    Tool.appendArgumentsAdjuster(
        getInsertArgumentAdjuster("-resource-dir=" SHUTDOWN_CLANG_RESOURCE_DIR,
                                  ArgumentInsertPosition::BEGIN));
  DumpFactory Factory(Opts);
  return Tool.run(&Factory);
}
