//===- Explain.cpp - The words the rules make from the facts --------------===//

#include "checkers/model/rules/Explain.h"
#include "checkers/model/Finding.h"

using namespace llvm;

namespace shutdown::rules {

std::string quoted(StringRef S) { return ("'" + S + "'").str(); }

std::string rootNote(const RootFact &R) {
  switch (R.Kind) {
  case RootKind::StaticDestructor:
    return R.InDll ? quoted(R.Name) +
                         " has static storage: it is destroyed when the DLL "
                         "is unloaded, inside DllMain(DLL_PROCESS_DETACH) "
                         "under the loader lock"
                   : quoted(R.Name) +
                         " has static storage: it is destroyed at exit";
  case RootKind::AtExit: {
    bool Quick = StringRef(R.Registrar).contains("quick_exit");
    return quoted(R.Name) + " is registered with " + quoted(R.Registrar) +
           " here" +
           (Quick     ? ": it runs when the program calls quick_exit"
            : R.InDll ? ": in a DLL it runs at unload, under the loader lock"
                      : ": it runs at exit");
  }
  case RootKind::DestructorFunction:
    return quoted(R.Name) +
           " is a destructor function: it runs at exit or when its library "
           "is unloaded" +
           (R.InDll ? ", under the loader lock" : "");
  case RootKind::DllEntry:
    return quoted(R.Name) +
           " is a DLL entry point: the loader calls it holding the loader "
           "lock";
  case RootKind::ThreadLocalDestructor:
    return quoted(R.Name) +
           " is thread_local: it is destroyed when its thread exits, the main "
           "thread's after main returns" +
           (R.InDll ? "; in a DLL, under the loader lock" : "");
  case RootKind::StaticInitializer:
    return R.InDll ? quoted(R.Name) +
                         " has static storage: it is constructed when the DLL "
                         "is loaded, inside DllMain(DLL_PROCESS_ATTACH) under "
                         "the loader lock"
                   : quoted(R.Name) +
                         " has static storage: it is constructed when the "
                         "program starts";
  case RootKind::ConstructorFunction:
    return quoted(R.Name) +
           " is a constructor function: it runs when its library is loaded" +
           (R.InDll ? ", under the loader lock" : "");
  case RootKind::TlsCallback:
    return quoted(R.Name) +
           " is a TLS callback: the loader calls it holding the loader lock";
  }
  return "";
}

/// A destruction step: "'A' destroys member 'm' of type 'T'", "'A'
/// deletes an object of type 'T' here".
static std::string destructionNote(const CallGraph &G, const CallEdge &E,
                                   StringRef To) {
  std::string Dynamic =
      To != E.Callee ? ", whose dynamic type may be " + quoted(G.className(To))
                     : std::string();
  std::string Caller = quoted(G.nameOf(E.Caller));
  if (StringRef(E.Caller).starts_with("V:"))
    return Dynamic.empty() ? std::string() // Said by the root note.
                           : Caller + " destroys its " +
                                 quoted(G.className(E.Callee)) + Dynamic;
  if (E.Via == "delete")
    return Caller + " deletes an object of type " +
           quoted(G.className(E.Callee)) + " here" + Dynamic;
  return Caller + " destroys " + E.Via.str() + " of type " +
         quoted(G.className(E.Callee)) + Dynamic;
}

std::string stepNote(const CallGraph &G, const RootFact &R, const Step &St,
                     bool First) {
  const CallEdge &E = *St.Edge;
  StringRef To = G.id(St.To);
  std::string Caller = quoted(G.nameOf(E.Caller));
  if (isDestruction(E.Kind))
    return destructionNote(G, E, To);
  if (E.Kind == EdgeKind::VirtualCall && To != E.Callee)
    return Caller + " calls " + quoted(G.nameOf(E.Callee)) +
           " here, which may dispatch to " + quoted(G.nameOf(To));
  if (E.Via == "delete")
    return Caller + " deletes an object of type " + quoted(G.className(To)) +
           " here";
  if (StringRef(E.Caller).starts_with("I:")) // A static's initializer.
    return Caller + " is initialized here by calling " + quoted(G.nameOf(To));
  std::string N = Caller + " calls " + quoted(G.nameOf(To)) + " here";
  if (First && R.Kind == RootKind::DllEntry && E.Reason != DllReason::Any)
    N += " (" + reasonName(E.Reason).str() + ")";
  return N;
}

/// "up to 50 ms", or "for a bounded time" when the bound is not a constant.
static std::string bound(const BlockingSite &S) {
  return S.TimeoutMs == BoundedUnknown
             ? "for a bounded time"
             : "up to " + std::to_string(S.TimeoutMs) + " ms";
}

std::string action(const BlockingSite &S) {
  std::string A = action(S.Prim, S.Callee, S.TargetText);
  if (S.TimeoutMs == Untimed)
    return A;
  StringRef Waits = " waits ";
  size_t At = A.find(Waits);
  if (At != std::string::npos)
    A.insert(At + Waits.size(), bound(S) + " ");
  return S.InLoop ? A + " for each thread" : A;
}

/// What a bounded wait makes of a thread that cannot finish: "exit stalls
/// for up to 50 ms if the thread does not finish, then 'TerminateThread'
/// kills it, possibly while it holds a lock".
static std::string stall(StringRef Subject, const BlockingSite &S,
                         StringRef Unless) {
  std::string Length =
      S.TimeoutMs == BoundedUnknown ? "until the timeout" : "for " + bound(S);
  std::string Out =
      (Subject + " stalls " + Length + (S.InLoop ? " per thread" : "") + Unless)
          .str();
  if (!S.Then.empty())
    Out += ", then " + quoted(S.Then) +
           (S.InLoop ? " kills them, possibly while they hold a lock"
                     : " kills it, possibly while it holds a lock");
  return Out;
}

std::string action(Primitive Prim, StringRef Callee, StringRef TargetText) {
  switch (Prim) {
  case Primitive::JoiningDtor:
    return ("destroying " + TargetText + " ('" +
            Callee.take_front(Callee.rfind("::")) + "') joins its thread")
        .str();
  case Primitive::Win32Wait:
    return quoted(Callee) + " waits on thread handle " + quoted(TargetText);
  case Primitive::SignalWait:
    return quoted(Callee) + " waits on " + quoted(TargetText);
  case Primitive::LoaderLockCall:
    return quoted(Callee) + " is called";
  case Primitive::Join:
  case Primitive::JoinFunction:
    break;
  }
  return quoted(Callee) + " waits for thread " + quoted(TargetText);
}

std::string staticTeardownMessage(const Candidate &C) {
  return staticTeardownMessage(*C.Root, action(*C.Site), C.Site);
}

std::string staticTeardownMessage(const RootFact &Root, StringRef Act,
                                  const BlockingSite *Timed) {
  if (Timed && Timed->TimeoutMs == Untimed)
    Timed = nullptr;
  bool ThreadLocal = Root.Kind == RootKind::ThreadLocalDestructor;
  if (Root.InDll) {
    std::string Where =
        ThreadLocal ? " when a thread exits, inside DllMain under the loader "
                      "lock"
                    : " during static teardown of a DLL, inside "
                      "DllMain(DLL_PROCESS_DETACH) under the loader lock";
    if (Timed)
      return Act.str() + Where +
             "; the thread needs that lock to exit, so the wait runs out: " +
             stall(ThreadLocal ? "the exiting thread" : "FreeLibrary", *Timed,
                   "");
    return Act.str() + Where +
           "; the thread needs that lock to exit: deadlock" +
           (ThreadLocal ? "" : " on FreeLibrary");
  }
  StringRef When = ThreadLocal
                       ? " when a thread exits (the main thread's at exit)"
                       : " during static teardown";
  if (Timed)
    return (Act + When + "; " +
            stall(ThreadLocal ? "the exiting thread" : "exit", *Timed,
                  Timed->InLoop ? " if the threads do not finish"
                                : " if the thread does not finish"))
        .str();
  return (Act + When +
          "; exit hangs if the thread does not finish, and the thread may "
          "still use objects already destroyed")
      .str();
}

std::string dllEntryMessage(const RootFact &Entry, StringRef Act,
                            DllReason Reason, DllPath Path,
                            const BlockingSite *Timed) {
  std::string Ctx = entryContext(Reason, Path);
  std::string Where =
      "inside " + quoted(Entry.Name) + (Ctx.empty() ? "" : " (" + Ctx + ")");
  if (Timed && Timed->TimeoutMs != Untimed && Path != DllPath::ProcessExit)
    return Act.str() + " " + Where +
           " while the loader lock is held; the thread needs that lock to "
           "exit, so the wait runs out: " +
           stall("FreeLibrary", *Timed, "");
  if (Path == DllPath::ProcessExit)
    return Act.str() + " " + Where +
           ": at process exit the other threads are already terminated, so "
           "the wait cannot tell whether its thread finished its work";
  return Act.str() + " " + Where +
         " while the loader lock is held; the thread needs that lock to "
         "exit: deadlock";
}

std::string withStops(const Candidate &C, std::string Message) {
  // DllMain's own message says it all: the loader calls it, whatever the
  // program calls before.
  if (C.Root->Kind == RootKind::DllEntry || C.StopName.empty())
    return Message;
  std::string Stop = quoted(C.StopName + "()");
  bool Dll = C.Root->InDll;
  switch (C.Verdict) {
  case StopVerdict::NoStop:
  case StopVerdict::SafetyNet:
    return Message;
  case StopVerdict::Contract:
    if (C.Root->InDll)
      return action(*C.Site) +
             " during static teardown of a DLL, inside "
             "DllMain(DLL_PROCESS_DETACH) under the loader lock, unless the "
             "host calls " +
             Stop +
             " before FreeLibrary; nothing in this codebase calls it: "
             "deadlock on FreeLibrary";
    return action(*C.Site) +
           (C.Root->Kind == RootKind::ThreadLocalDestructor
                ? " when a thread exits"
                : " during static teardown") +
           " unless callers call " + Stop +
           " before exit or unload; nothing in this codebase calls it";
  case StopVerdict::Uncalled:
    return Message + "; " + Stop +
           " stops it, but nothing in this program calls it before " +
           (Dll ? "unload" : "exit");
  case StopVerdict::OtherInstances:
    return Message + "; " + Stop +
           " stops it on other objects only, not on this one";
  case StopVerdict::Unguarded:
    return Message + "; " + Stop +
           " stops it first, but this wait does not test whether the thread "
           "still runs (joinable(), or the handle the stop resets), so it is "
           "no safety net";
  }
  return Message;
}

std::string stopChain(const CallGraph &G, ArrayRef<uint32_t> Path,
                      const BlockingSite &S) {
  std::string Chain;
  for (uint32_t N : Path)
    Chain += G.nameOf(G.id(N)) + " -> ";
  if (Path.empty())
    Chain += G.nameOf(S.Function) + " -> ";
  return Chain + S.Callee.str() + "(" + S.TargetText.str() + ")";
}

} // namespace shutdown::rules
