package io.pinpointimport.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one error contract: every failure leaves the API as RFC 9457 problem+json that
 * names the offending field and the fix.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	/**
	 * A single invalid input: the field (JSON path, parameter or header) and what to do.
	 */
	record FieldProblem(String field, String message) {
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = new ArrayList<>();
		ex.getBindingResult()
			.getFieldErrors()
			.forEach(error -> errors.add(new FieldProblem(error.getField(), message(error))));
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach(error -> errors.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
		return invalid(errors);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach(result -> {
			String name = result.getMethodParameter().getParameterName();
			result.getResolvableErrors()
				.forEach(error -> errors.add(new FieldProblem(fieldName(error, name), error.getDefaultMessage())));
		});
		return invalid(errors);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return invalid(List.of(new FieldProblem(path(unknown), "unknown field; allowed fields are "
					+ unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList())));
		}
		if (cause instanceof InvalidFormatException format && format.getTargetType() != null
				&& format.getTargetType().isEnum()) {
			return invalid(List.of(new FieldProblem(path(format), "must be one of "
					+ List.of(format.getTargetType().getEnumConstants()) + ", got '" + format.getValue() + "'")));
		}
		if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
			return invalid(List.of(new FieldProblem(path(jackson), "has the wrong type or shape: "
					+ jackson.getOriginalMessage().split("\n")[0].replaceAll(" at \\[Source.*", ""))));
		}
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
				"The request body is not valid JSON: " + (cause instanceof JacksonException jackson
						? jackson.getOriginalMessage().split("\n")[0] : "send a JSON object"));
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = Problems.of(status, "unsupported-media-type", "Unsupported media type",
				"Content-Type '" + ex.getContentType() + "' is not supported; send the body as application/json.",
				Map.of("supported", "application/json"));
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = Problems.of(status, "not-acceptable", "Not acceptable",
				"Acceptable representations: " + ex.getSupportedMediaTypes() + ".",
				Map.of("supported", "application/json"));
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return invalid(List.of(new FieldProblem(ex.getParameterName(), "is required")));
	}

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found",
				"Nothing answers " + ex.getHttpMethod() + " /" + ex.getResourcePath()
						+ ". The API's paths are listed at /v3/api-docs and in Swagger UI (/swagger-ui.html).");
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex) {
		Class<?> type = ex.getRequiredType();
		String expected = (type != null && type.isEnum()) ? "one of " + List.of(type.getEnumConstants())
				: "a valid " + (type != null ? type.getSimpleName() : "value");
		return invalid(
				List.of(new FieldProblem(ex.getName(), "must be " + expected + ", got '" + ex.getValue() + "'")));
	}

	@ExceptionHandler(MissingRequestHeaderException.class)
	ResponseEntity<Object> missingHeader(MissingRequestHeaderException ex) {
		return invalid(List.of(new FieldProblem(ex.getHeaderName(), "header is required")));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex) {
		log.error("Unhandled error", ex);
		ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"The service failed unexpectedly; the error was logged. Retry later or contact the operators.");
		return ResponseEntity.internalServerError().body(problem);
	}

	private static ResponseEntity<Object> invalid(List<FieldProblem> errors) {
		String detail = errors.stream()
			.map(error -> error.field() + ": " + error.message())
			.collect(Collectors.joining("; "));
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
		problem.setProperties(Map.of("errors", errors));
		return ResponseEntity.badRequest().body(problem);
	}

	private static String message(FieldError error) {
		Object rejected = error.getRejectedValue();
		return error.getDefaultMessage() + (rejected == null ? "" : ", got '" + rejected + "'");
	}

	private static String fieldName(MessageSourceResolvable error, String parameter) {
		return (error instanceof FieldError field) ? field.getField() : parameter;
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

}
