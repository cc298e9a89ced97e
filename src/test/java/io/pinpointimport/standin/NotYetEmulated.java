package io.pinpointimport.standin;

/**
 * Temporary base of the service handlers while their emulation is written.
 */
abstract class NotYetEmulated implements ServiceHandler {

	private final String service;

	NotYetEmulated(String service) {
		this.service = service;
	}

	@Override
	public String service() {
		return this.service;
	}

	@Override
	public String operation(StandInRequest request) {
		return "Unknown";
	}

	@Override
	public StandInResponse handle(StandInRequest request, String operation) {
		return StandInResponse.of(501, "text/plain", "not emulated yet");
	}

	@Override
	public StandInResponse throttled(String operation) {
		return StandInResponse.of(429, "text/plain", "throttled");
	}

	@Override
	public StandInResponse serverError(String operation) {
		return StandInResponse.of(500, "text/plain", "error");
	}

	void reset() {
	}

}
