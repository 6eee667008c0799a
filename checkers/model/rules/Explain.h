//===- Explain.h - The words the rules make from the facts ------*- C++ -*-===//
//
// What each root means at exit, what each step of a path does, what a
// blocking call waits for, the message shared by the static-teardown rules
// and how ordinary code reaches a stop. The rules' own messages are in
// their files; what a finding's structure alone says (its chain, its
// stack, where the waited thread starts) is in Finding.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_RULES_EXPLAIN_H
#define SHUTDOWN_HAZARDS_MODEL_RULES_EXPLAIN_H

#include "checkers/model/rules/CallGraph.h"
#include "checkers/model/rules/TeardownSearch.h"
#include <string>

namespace shutdown::rules {

std::string quoted(llvm::StringRef S);

/// What a root means at exit: "'X' has static storage: it is destroyed at
/// exit".
std::string rootNote(const RootFact &R);

/// What a step of a path does: "'A' calls 'B' here", "'A' destroys member
/// 'm' of type 'T'"; empty when the root's note says it. First: the step
/// out of the root (it carries the DllMain reason).
std::string stepNote(const CallGraph &G, const RootFact &R, const Step &St,
                     bool First);

/// What the blocking call does: "'std::thread::join' waits for thread 't'",
/// with its bound: "'WaitForSingleObject' waits up to 50 ms on thread
/// handle 't' for each thread".
std::string action(const BlockingSite &S);
/// The same from its parts (a front-end that found the call itself).
std::string action(Primitive Prim, llvm::StringRef Callee,
                   llvm::StringRef TargetText);

/// The message of a join or wait reached from static teardown.
std::string staticTeardownMessage(const Candidate &C);
/// The same from the root and what the blocking call does (action()).
/// Timed: the site, when its wait has a bound (what happens is then a
/// stall of that length, and what the function does to the thread next).
std::string staticTeardownMessage(const RootFact &Root, llvm::StringRef Act,
                                  const BlockingSite *Timed = nullptr);

/// The message of a join or wait reached from a DLL entry point, entered
/// for Reason on Path.
std::string dllEntryMessage(const RootFact &Entry, llvm::StringRef Act,
                            DllReason Reason, DllPath Path,
                            const BlockingSite *Timed = nullptr);

/// A candidate's message with what its stops say (Candidate::Verdict):
/// Message, given by its rule, plus why the stop does not end the thread
/// first; a contract's own words instead of Message.
std::string withStops(const Candidate &C, std::string Message);

/// How ordinary code reaches an explicit stop: "main -> Pool::stop ->
/// std::thread::join(t)".
std::string stopChain(const CallGraph &G, llvm::ArrayRef<uint32_t> Path,
                      const BlockingSite &S);

} // namespace shutdown::rules

#endif
