package io.tenantingress.status;

/** One condition's worth of judgement: whether it holds, and why (not), in words an app team can act on. */
record Verdict(boolean ok, String reason, String message) {

  /** A verdict that holds and says nothing: a check with nothing to report. */
  static final Verdict NOTHING_TO_REPORT = new Verdict(true, "", "");

  static Verdict yes(String reason, String message) {
    return new Verdict(true, reason, message);
  }

  static Verdict no(String reason, String message) {
    return new Verdict(false, reason, message);
  }

  /** The same verdict, told about one hostname. */
  Verdict about(String hostname) {
    return new Verdict(ok, reason, hostname + ": " + message);
  }
}
