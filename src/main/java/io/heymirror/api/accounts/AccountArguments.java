package io.heymirror.api.accounts;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Gives handler methods the {@link AddressedAccount} of their request. */
@Configuration(proxyBeanMethods = false)
class AccountArguments implements WebMvcConfigurer {

	// looked up when a request needs it: MVC slices load this configuration without it
	private final ObjectProvider<RequestAccounts> accounts;

	AccountArguments(ObjectProvider<RequestAccounts> accounts) {
		this.accounts = accounts;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new HandlerMethodArgumentResolver() {

			@Override
			public boolean supportsParameter(MethodParameter parameter) {
				return parameter.getParameterType() == AddressedAccount.class;
			}

			@Override
			public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
					NativeWebRequest request, WebDataBinderFactory binders) {
				return AccountArguments.this.accounts.getObject()
					.addressed(request.getNativeRequest(HttpServletRequest.class));
			}

		});
	}

}
