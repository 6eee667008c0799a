//===- SingletonThreadWithoutUninit.h - The singleton rule ------*- C++ -*-===//
//
// shutdown-singleton-thread-without-uninit: a class with a static-storage
// instance whose threads only teardown stops (no explicit stop in ordinary
// code joins them on that instance). One finding per class, at its
// declaration, with every static instance and every such thread; an error
// if any instance is in a DLL. The message names the stop when one exists
// (an uncalled public function, a stop called on other objects only); a
// thread whose only stop is a contract of a library's API is no finding.
//
//===----------------------------------------------------------------------===//

#ifndef SHUTDOWN_HAZARDS_MODEL_RULES_SINGLETONTHREADWITHOUTUNINIT_H
#define SHUTDOWN_HAZARDS_MODEL_RULES_SINGLETONTHREADWITHOUTUNINIT_H

#include "checkers/model/rules/ThreadOwners.h"

namespace shutdown::rules {

std::vector<Finding> singletonFindings(const CallGraph &G,
                                       const OrdinaryCode &Ordinary,
                                       llvm::ArrayRef<OwnedClass> Owned);

} // namespace shutdown::rules

#endif
