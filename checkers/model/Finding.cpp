//===- Finding.cpp - A finding's notes, chain and stack -------------------===//
//
// The words made from a finding's structure alone. The words that need the
// facts (the messages, what each root and step means) are made by the rules
// (rules/Explain.cpp) and kept in the finding as the root's and the steps'
// Why.
//
//===----------------------------------------------------------------------===//

#include "checkers/model/Finding.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/xxhash.h"

using namespace llvm;

namespace shutdown {

static std::string quoted(StringRef S) { return ("'" + S + "'").str(); }

static bool isSingleton(const Finding &F) {
  return F.Rule == RuleKind::SingletonThreadWithoutUninit;
}

/// What the runtime runs below a root, outermost first.
static SmallVector<StringRef, 2> runtimeFrames(const FindingRoot &R) {
  StringRef Unload = "DllMain(DLL_PROCESS_DETACH)";
  switch (R.Kind) {
  case RootKind::StaticDestructor:
    return {R.InDll ? Unload : "exit", "static destructors"};
  case RootKind::AtExit:
    return {R.InDll ? Unload : "exit"};
  case RootKind::ThreadLocalDestructor:
    return {R.InDll ? "DllMain(DLL_THREAD_DETACH)" : "thread exit",
            "thread_local destructors"};
  case RootKind::StaticInitializer:
    return {R.InDll ? "DllMain(DLL_PROCESS_ATTACH)" : "program start",
            "static initializers"};
  case RootKind::DestructorFunction:
  case RootKind::ConstructorFunction:
  case RootKind::TlsCallback:
  case RootKind::DllEntry:
    break;
  }
  return {};
}

/// The root's own frame: "'Instance'", "atexit handler 'cleanup'".
static std::string rootFrame(const FindingRoot &R) {
  switch (R.Kind) {
  case RootKind::StaticDestructor:
  case RootKind::ThreadLocalDestructor:
  case RootKind::StaticInitializer:
    return quoted(R.Name);
  case RootKind::AtExit:
    return R.Registrar + " handler " + quoted(R.Name);
  case RootKind::DestructorFunction:
    return "destructor function " + quoted(R.Name);
  case RootKind::ConstructorFunction:
    return "constructor function " + quoted(R.Name);
  case RootKind::TlsCallback:
    return "TLS callback " + quoted(R.Name);
  case RootKind::DllEntry:
    return R.Name + "(" + entryContext(R.Reason, R.Path) + ")";
  }
  return R.Name;
}

/// #0: "WaitForSingleObject(m_hThread)"; a static joining thread destroyed
/// by the runtime itself is its destructor alone.
static std::string blockingFrame(const Finding &F) {
  if (F.Steps.empty() && (F.Root.Kind == RootKind::StaticDestructor ||
                          F.Root.Kind == RootKind::ThreadLocalDestructor))
    return F.Site.Callee;
  return F.Site.Callee + "(" + F.Site.TargetText + ")";
}

/// "<Subject> is started here by 'C', running 'R'"; a handle whose routine
/// is not known "comes from" its creator.
std::string startNote(StringRef Subject, const ThreadStartInfo &T) {
  if (T.Routine.empty())
    return (Subject + " comes from " + quoted(T.Creator) + " here").str();
  return (Subject + " is " + startedText(T, "here", quoted)).str();
}

std::vector<Note> notes(const Finding &F) {
  std::vector<Note> Out;
  if (isSingleton(F)) {
    for (const FindingRoot &I : F.Instances)
      Out.push_back({I.Loc, I.Why});
    for (const TeardownThread &T : F.Threads) {
      if (T.Start)
        Out.push_back(
            {T.Start->Loc, startNote("thread " + quoted(T.Name), *T.Start)});
      Out.push_back({T.JoinLoc, "it is joined only here, in " +
                                    quoted(T.JoinedIn) +
                                    ", which runs during teardown"});
    }
    return Out;
  }
  Out.push_back({F.Root.Loc, F.Root.Why});
  for (const FindingStep &S : F.Steps)
    if (!S.Why.empty())
      Out.push_back({S.Loc, S.Why});
  if (std::optional<Note> N = waitedThreadNote(F))
    Out.push_back(std::move(*N));
  return Out;
}

std::vector<Frame> stackAtHang(const Finding &F) {
  if (isSingleton(F))
    return {};
  const FindingRoot &R = F.Root;
  std::vector<Frame> Stack;
  Stack.push_back({Frame::Blocking, blockingFrame(F), F.Loc, "", {}});
  // Code frames, innermost first: each step's callee, then the root. A
  // frame's location is where it calls the frame above; a step without a
  // note of its own (out of a static variable's teardown) is the root's.
  for (size_t J = F.Steps.size() + 1; J-- > 0;) {
    Frame Fr{Frame::Code,
             J ? F.Steps[J - 1].CalleeName : rootFrame(R),
             F.Loc,
             "",
             {}};
    if (J < F.Steps.size()) {
      const FindingStep &S = F.Steps[J];
      Fr.Loc = S.Why.empty() ? R.Loc : S.Loc;
      Fr.Why = S.Why;
    }
    if (J == 0) {
      if (Fr.Loc == R.Loc && Fr.Why.empty())
        Fr.Why = R.Why;
      else
        Fr.Root = {R.Loc, R.Why};
    }
    Stack.push_back(std::move(Fr));
  }
  SmallVector<StringRef, 2> Runtime = runtimeFrames(R);
  for (StringRef Name : reverse(Runtime))
    Stack.push_back({Frame::Runtime, Name.str(), {}, "", {}});
  return Stack;
}

std::string chainText(const Finding &F) {
  if (isSingleton(F))
    return "static instance of " + quoted(F.ClassName);
  std::vector<Frame> Stack = stackAtHang(F);
  std::string Out;
  for (const Frame &Fr : reverse(Stack))
    Out += (Out.empty() ? "" : " -> ") + Fr.Name;
  return Out;
}

std::vector<std::string> chainNodes(const Finding &F) {
  if (isSingleton(F))
    return {F.Class};
  std::vector<std::string> Out{F.Root.Node};
  for (const FindingStep &S : F.Steps)
    Out.push_back(S.Callee);
  return Out;
}

std::string startedText(const ThreadStartInfo &T, StringRef Where,
                        function_ref<std::string(StringRef)> Name) {
  std::string S = ("started " + Where).str();
  if (!T.Creator.empty())
    S += " by " + Name(T.Creator);
  if (!T.Routine.empty())
    S += ", running " + Name(T.Routine);
  return S;
}

StringRef waitOutcome(const Finding &F) {
  return F.Level == Severity::Error
             ? "to exit it needs the loader lock, which the waiting thread "
               "holds"
             : "the wait returns only when it has finished";
}

std::optional<Note> waitedThreadNote(const Finding &F) {
  if (!F.Waited)
    return std::nullopt;
  return Note{F.Waited->Loc, startNote("the waited thread", *F.Waited)};
}

StringRef reasonName(DllReason R) {
  switch (R) {
  case DllReason::ProcessDetach:
    return "DLL_PROCESS_DETACH";
  case DllReason::ProcessAttach:
    return "DLL_PROCESS_ATTACH";
  case DllReason::ThreadAttach:
    return "DLL_THREAD_ATTACH";
  case DllReason::ThreadDetach:
    return "DLL_THREAD_DETACH";
  case DllReason::Any:
    break;
  }
  return "";
}

std::string entryContext(DllReason R, DllPath P) {
  std::string S = reasonName(R).str();
  if (P == DllPath::FreeLibrary)
    S += S.empty() ? "FreeLibrary" : ", FreeLibrary";
  else if (P == DllPath::ProcessExit)
    S += S.empty() ? "process exit" : ", process exit";
  return S;
}

/// A USR names a declaration with internal linkage, and a local variable
/// or a lambda, by its file's name and offset ("c:f.cpp@1234@F@run#@t",
/// "c:app.cpp@GPump"): drop both, so that neither an edit above the
/// function nor a renamed file changes the identity.
static std::string withoutOffsets(StringRef Usr) {
  std::string Out;
  // The file's name comes right after the USR's "c:", in a node id after
  // its kind ("V:c:app.cpp@GPump"); an external USR has none ("c:@F@run#").
  if (size_t C = Usr.find("c:"); C <= 2) {
    StringRef File = Usr.drop_front(C + 2).take_until(
        [](char Ch) { return Ch == '@' || Ch == '('; });
    if (!File.empty() && Usr.size() > C + 2 + File.size() &&
        Usr[C + 2 + File.size()] == '@') {
      Out = Usr.take_front(C + 2).str();
      Usr = Usr.drop_front(C + 2 + File.size());
    }
  }
  while (!Usr.empty()) {
    size_t At = Usr.find('@');
    Out += Usr.take_front(At == StringRef::npos ? Usr.size() : At + 1);
    if (At == StringRef::npos)
      break;
    Usr = Usr.drop_front(At + 1);
    StringRef Digits = Usr.take_while(isDigit);
    if (!Digits.empty() &&
        (Digits.size() == Usr.size() || Usr[Digits.size()] == '@'))
      Usr = Usr.drop_front(Digits.size() + (Digits.size() < Usr.size()));
  }
  return Out;
}

std::string findingId(const Finding &F) {
  // The blocking callee and its targets; for the singleton rule, the first
  // thread's teardown join and the thread members.
  std::string Callee = F.Site.Callee;
  std::vector<std::string> Targets;
  if (isSingleton(F)) {
    for (const TeardownThread &T : F.Threads) {
      Targets.push_back(withoutOffsets(T.Field));
      if (Callee.empty())
        Callee = T.JoinCallee;
    }
  } else {
    for (const std::string &T : F.Site.Targets)
      Targets.push_back(withoutOffsets(T));
  }
  std::string Key = ruleName(F.Rule).str();
  for (const std::string &N : chainNodes(F))
    Key += "\n" + withoutOffsets(N);
  Key += "\n" + Callee;
  llvm::sort(Targets);
  for (const std::string &T : Targets)
    Key += "\n" + T;
  return utohexstr(xxh3_64bits(Key), /*LowerCase=*/true, 16);
}

} // namespace shutdown
