package io.pinpointimport.system;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Every unknown field of a request body is reported, not only the first: Jackson stops at
 * the first one, so while a request body is read they are collected, skipped, and refused
 * together once the body is read. Outside a request (stored JSON) an unknown field still
 * fails at once.
 */
@Configuration(proxyBeanMethods = false)
class UnknownFields {

	private static final String ATTRIBUTE = UnknownFields.class.getName();

	@Bean
	JsonMapperBuilderCustomizer collectUnknownFields() {
		return builder -> builder.addHandler(new Collector());
	}

	/** Refuses a body in which unknown fields were collected. */
	@ControllerAdvice
	static class Refusal extends RequestBodyAdviceAdapter {

		@Override
		public boolean supports(MethodParameter parameter, Type targetType,
				Class<? extends HttpMessageConverter<?>> converterType) {
			return true;
		}

		@Override
		public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter,
				Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
			RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
			if (attributes != null
					&& attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof List<?> unknown
					&& !unknown.isEmpty()) {
				attributes.removeAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
				throw new UnknownFieldsProblem(unknown);
			}
			return body;
		}

	}

	private static final class Collector extends DeserializationProblemHandler {

		@Override
		@SuppressWarnings("unchecked")
		public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
				ValueDeserializer<?> deserializer, Object beanOrClass, String propertyName) {
			RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
			if (attributes == null) {
				return false;
			}
			Object collected = attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
			List<Map<String, String>> unknown;
			if (collected instanceof List<?> list) {
				unknown = (List<Map<String, String>>) list;
			}
			else {
				unknown = new ArrayList<>();
				attributes.setAttribute(ATTRIBUTE, unknown, RequestAttributes.SCOPE_REQUEST);
			}
			String allowed = (deserializer != null)
					? deserializer.getKnownPropertyNames().stream().map(String::valueOf).sorted().toList().toString()
					: "[]";
			Map<String, String> problem = new LinkedHashMap<>();
			problem.put("field", path(parser.streamReadContext().pathAsPointer(), propertyName));
			problem.put("message", "unknown field; allowed fields are " + allowed);
			unknown.add(problem);
			parser.skipChildren();
			return true;
		}

		private static String path(JsonPointer pointer, String propertyName) {
			StringBuilder path = new StringBuilder();
			for (JsonPointer segment = pointer; segment != null && !segment.matches(); segment = segment.tail()) {
				if (segment.mayMatchElement()) {
					path.append('[').append(segment.getMatchingIndex()).append(']');
				}
				else {
					path.append(path.isEmpty() ? "" : ".").append(segment.getMatchingProperty());
				}
			}
			String text = path.toString();
			return (text.isEmpty() || !text.endsWith(propertyName)) ? join(text, propertyName) : text;
		}

		private static String join(String parent, String name) {
			return parent.isEmpty() ? name : parent + "." + name;
		}

	}

	/** A body with unknown fields: each named, with the allowed ones. */
	static final class UnknownFieldsProblem extends ProblemException {

		UnknownFieldsProblem(List<?> errors) {
			super(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
					errors.stream()
						.map(error -> ((Map<?, ?>) error).get("field") + ": " + ((Map<?, ?>) error).get("message"))
						.collect(Collectors.joining("; ")),
					Map.of("errors", errors));
		}

	}

}
