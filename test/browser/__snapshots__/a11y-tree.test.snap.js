/* @web/test-runner snapshot v1 */
export const snapshots = {};

snapshots["chromium en phone"] = 
`{
  "role": "generic",
  "children": [
    {
      "role": "heading",
      "name": "Create your account"
    },
    {
      "role": "paragraph",
      "children": [
        {
          "role": "text",
          "name": "Enter your mobile number. We will text you a code."
        }
      ]
    },
    {
      "role": "form",
      "children": [
        {
          "role": "text",
          "name": "Country"
        },
        {
          "role": "text",
          "name": "Egypt"
        },
        {
          "role": "text",
          "name": "+20"
        },
        {
          "role": "button",
          "name": "Change country",
          "description": "Country Egypt +20"
        },
        {
          "role": "paragraph"
        },
        {
          "role": "LabelText",
          "children": [
            {
              "role": "text",
              "name": "Mobile number"
            }
          ]
        },
        {
          "role": "textbox",
          "name": "Mobile number",
          "description": "With or without the country code; spaces and dashes are fine.",
          "focused": true,
          "required": true
        },
        {
          "role": "paragraph",
          "children": [
            {
              "role": "text",
              "name": "With or without the country code; spaces and dashes are fine."
            }
          ]
        },
        {
          "role": "button",
          "name": "Send code"
        }
      ]
    }
  ]
}`;
/* end snapshot chromium en phone */

snapshots["chromium en phone, a number too short"] = 
`{
  "role": "generic",
  "children": [
    {
      "role": "heading",
      "name": "Create your account"
    },
    {
      "role": "paragraph",
      "children": [
        {
          "role": "text",
          "name": "Enter your mobile number. We will text you a code."
        }
      ]
    },
    {
      "role": "form",
      "children": [
        {
          "role": "text",
          "name": "Country"
        },
        {
          "role": "text",
          "name": "Egypt"
        },
        {
          "role": "text",
          "name": "+20"
        },
        {
          "role": "button",
          "name": "Change country",
          "description": "Country Egypt +20"
        },
        {
          "role": "paragraph"
        },
        {
          "role": "LabelText",
          "children": [
            {
              "role": "text",
              "name": "Mobile number"
            }
          ]
        },
        {
          "role": "textbox",
          "name": "Mobile number",
          "description": "With or without the country code; spaces and dashes are fine. This number is too short.",
          "value": "12",
          "invalid": "true",
          "focused": true,
          "required": true,
          "children": [
            {
              "role": "text",
              "name": "12"
            }
          ]
        },
        {
          "role": "paragraph",
          "children": [
            {
              "role": "text",
              "name": "With or without the country code; spaces and dashes are fine."
            }
          ]
        },
        {
          "role": "text",
          "name": "This number is too short."
        },
        {
          "role": "button",
          "name": "Send code"
        }
      ]
    }
  ]
}`;
/* end snapshot chromium en phone, a number too short */

snapshots["chromium en phone-code"] = 
`{
  "role": "generic",
  "children": [
    {
      "role": "heading",
      "name": "Enter the code we sent",
      "focused": true
    },
    {
      "role": "paragraph",
      "children": [
        {
          "role": "text",
          "name": "We sent a 6-digit code to "
        },
        {
          "role": "text",
          "name": "{phone}"
        },
        {
          "role": "text",
          "name": "."
        }
      ]
    },
    {
      "role": "form",
      "children": [
        {
          "role": "LabelText",
          "children": [
            {
              "role": "text",
              "name": "Verification code"
            }
          ]
        },
        {
          "role": "textbox",
          "name": "Verification code",
          "description": "We sent a 6-digit code to {phone}.",
          "required": true
        },
        {
          "role": "button",
          "name": "Verify"
        },
        {
          "role": "button",
          "name": "You can ask for a new code in {seconds} s",
          "disabled": true
        },
        {
          "role": "button",
          "name": "Change number"
        }
      ]
    }
  ]
}`;
/* end snapshot chromium en phone-code */

snapshots["chromium en phone-code, a wrong code"] = 
`{
  "role": "generic",
  "children": [
    {
      "role": "heading",
      "name": "Enter the code we sent"
    },
    {
      "role": "paragraph",
      "children": [
        {
          "role": "text",
          "name": "We sent a 6-digit code to "
        },
        {
          "role": "text",
          "name": "{phone}"
        },
        {
          "role": "text",
          "name": "."
        }
      ]
    },
    {
      "role": "form",
      "children": [
        {
          "role": "LabelText",
          "children": [
            {
              "role": "text",
              "name": "Verification code"
            }
          ]
        },
        {
          "role": "textbox",
          "name": "Verification code",
          "description": "We sent a 6-digit code to {phone}. That code is not right. You have 4 tries left.",
          "value": "{code}",
          "invalid": "true",
          "focused": true,
          "required": true,
          "children": [
            {
              "role": "text",
              "name": "{code}"
            }
          ]
        },
        {
          "role": "text",
          "name": "That code is not right. You have 4 tries left."
        },
        {
          "role": "button",
          "name": "Verify"
        },
        {
          "role": "button",
          "name": "You can ask for a new code in {seconds} s",
          "disabled": true
        },
        {
          "role": "button",
          "name": "Change number"
        }
      ]
    }
  ]
}`;
/* end snapshot chromium en phone-code, a wrong code */

snapshots["chromium en email"] = 
`{
  "role": "generic",
  "children": [
    {
      "role": "heading",
      "name": "Add your email",
      "focused": true
    },
    {
      "role": "paragraph",
      "children": [
        {
          "role": "text",
          "name": "We will send a code to confirm it."
        }
      ]
    },
    {
      "role": "form",
      "children": [
        {
          "role": "LabelText",
          "children": [
            {
              "role": "text",
              "name": "Email address"
            }
          ]
        },
        {
          "role": "textbox",
          "name": "Email address",
          "required": true
        },
        {
          "role": "button",
          "name": "Send code"
        }
      ]
    }
  ]
}`;
/* end snapshot chromium en email */

snapshots["chromium en email-code"] = 
`{
  "role": "generic",
  "children": [
    {
      "role": "heading",
      "name": "Check your email",
      "focused": true
    },
    {
      "role": "paragraph",
      "children": [
        {
          "role": "text",
          "name": "We sent a code to "
        },
        {
          "role": "text",
          "name": "{email}"
        },
        {
          "role": "text",
          "name": "."
        }
      ]
    },
    {
      "role": "form",
      "children": [
        {
          "role": "LabelText",
          "children": [
            {
              "role": "text",
              "name": "Verification code"
            }
          ]
        },
        {
          "role": "textbox",
          "name": "Verification code",
          "description": "We sent a code to {email}.",
          "required": true
        },
        {
          "role": "button",
          "name": "Verify"
        },
        {
          "role": "button",
          "name": "You can ask for a new code in {seconds} s",
          "disabled": true
        },
        {
          "role": "button",
          "name": "Change email"
        }
      ]
    }
  ]
}`;
/* end snapshot chromium en email-code */

snapshots["chromium en finish"] = 
`{
  "role": "generic",
  "children": [
    {
      "role": "heading",
      "name": "Finish registration",
      "focused": true
    },
    {
      "role": "paragraph",
      "children": [
        {
          "role": "text",
          "name": "Everything is verified. Create your account."
        }
      ]
    },
    {
      "role": "form",
      "children": [
        {
          "role": "LabelText",
          "children": [
            {
              "role": "text",
              "name": "Password"
            }
          ]
        },
        {
          "role": "textbox",
          "name": "Password",
          "description": "At least 8 characters.",
          "required": true
        },
        {
          "role": "paragraph",
          "children": [
            {
              "role": "text",
              "name": "At least 8 characters."
            }
          ]
        },
        {
          "role": "button",
          "name": "Create account"
        },
        {
          "role": "button",
          "name": "Back"
        }
      ]
    }
  ]
}`;
/* end snapshot chromium en finish */

snapshots["chromium en done"] = 
`{
  "role": "generic",
  "children": [
    {
      "role": "heading",
      "name": "You are registered",
      "focused": true
    },
    {
      "role": "paragraph",
      "children": [
        {
          "role": "text",
          "name": "Welcome."
        }
      ]
    }
  ]
}`;
/* end snapshot chromium en done */

snapshots["chromium ar phone"] = 
`{
  "role": "generic",
  "children": [
    {
      "role": "heading",
      "name": "أنشئ حسابك"
    },
    {
      "role": "paragraph",
      "children": [
        {
          "role": "text",
          "name": "أدخل رقم هاتفك المحمول. سنرسل إليك رمزًا في رسالة نصية."
        }
      ]
    },
    {
      "role": "form",
      "children": [
        {
          "role": "text",
          "name": "الدولة"
        },
        {
          "role": "text",
          "name": "مصر"
        },
        {
          "role": "text",
          "name": "+20"
        },
        {
          "role": "button",
          "name": "غيّر الدولة",
          "description": "الدولة مصر +20"
        },
        {
          "role": "paragraph"
        },
        {
          "role": "LabelText",
          "children": [
            {
              "role": "text",
              "name": "رقم الهاتف المحمول"
            }
          ]
        },
        {
          "role": "textbox",
          "name": "رقم الهاتف المحمول",
          "description": "مع رمز الدولة أو بدونه، ويمكنك كتابة المسافات والشرطات.",
          "focused": true,
          "required": true
        },
        {
          "role": "paragraph",
          "children": [
            {
              "role": "text",
              "name": "مع رمز الدولة أو بدونه، ويمكنك كتابة المسافات والشرطات."
            }
          ]
        },
        {
          "role": "button",
          "name": "أرسل الرمز"
        }
      ]
    }
  ]
}`;
/* end snapshot chromium ar phone */

snapshots["chromium ar phone, a number too short"] = 
`{
  "role": "generic",
  "children": [
    {
      "role": "heading",
      "name": "أنشئ حسابك"
    },
    {
      "role": "paragraph",
      "children": [
        {
          "role": "text",
          "name": "أدخل رقم هاتفك المحمول. سنرسل إليك رمزًا في رسالة نصية."
        }
      ]
    },
    {
      "role": "form",
      "children": [
        {
          "role": "text",
          "name": "الدولة"
        },
        {
          "role": "text",
          "name": "مصر"
        },
        {
          "role": "text",
          "name": "+20"
        },
        {
          "role": "button",
          "name": "غيّر الدولة",
          "description": "الدولة مصر +20"
        },
        {
          "role": "paragraph"
        },
        {
          "role": "LabelText",
          "children": [
            {
              "role": "text",
              "name": "رقم الهاتف المحمول"
            }
          ]
        },
        {
          "role": "textbox",
          "name": "رقم الهاتف المحمول",
          "description": "مع رمز الدولة أو بدونه، ويمكنك كتابة المسافات والشرطات. هذا الرقم قصير جدًا.",
          "value": "12",
          "invalid": "true",
          "focused": true,
          "required": true,
          "children": [
            {
              "role": "text",
              "name": "12"
            }
          ]
        },
        {
          "role": "paragraph",
          "children": [
            {
              "role": "text",
              "name": "مع رمز الدولة أو بدونه، ويمكنك كتابة المسافات والشرطات."
            }
          ]
        },
        {
          "role": "text",
          "name": "هذا الرقم قصير جدًا."
        },
        {
          "role": "button",
          "name": "أرسل الرمز"
        }
      ]
    }
  ]
}`;
/* end snapshot chromium ar phone, a number too short */

snapshots["chromium ar phone-code"] = 
`{
  "role": "generic",
  "children": [
    {
      "role": "heading",
      "name": "أدخل الرمز الذي أرسلناه",
      "focused": true
    },
    {
      "role": "paragraph",
      "children": [
        {
          "role": "text",
          "name": "أرسلنا رمزًا من 6 أرقام إلى "
        },
        {
          "role": "text",
          "name": "{phone}"
        },
        {
          "role": "text",
          "name": "."
        }
      ]
    },
    {
      "role": "form",
      "children": [
        {
          "role": "LabelText",
          "children": [
            {
              "role": "text",
              "name": "رمز التحقق"
            }
          ]
        },
        {
          "role": "textbox",
          "name": "رمز التحقق",
          "description": "أرسلنا رمزًا من 6 أرقام إلى {phone}.",
          "required": true
        },
        {
          "role": "button",
          "name": "تحقّق"
        },
        {
          "role": "button",
          "name": "يمكنك طلب رمز جديد بعد {seconds} ثانية",
          "disabled": true
        },
        {
          "role": "button",
          "name": "غيّر الرقم"
        }
      ]
    }
  ]
}`;
/* end snapshot chromium ar phone-code */

snapshots["chromium ar phone-code, a wrong code"] = 
`{
  "role": "generic",
  "children": [
    {
      "role": "heading",
      "name": "أدخل الرمز الذي أرسلناه"
    },
    {
      "role": "paragraph",
      "children": [
        {
          "role": "text",
          "name": "أرسلنا رمزًا من 6 أرقام إلى "
        },
        {
          "role": "text",
          "name": "{phone}"
        },
        {
          "role": "text",
          "name": "."
        }
      ]
    },
    {
      "role": "form",
      "children": [
        {
          "role": "LabelText",
          "children": [
            {
              "role": "text",
              "name": "رمز التحقق"
            }
          ]
        },
        {
          "role": "textbox",
          "name": "رمز التحقق",
          "description": "أرسلنا رمزًا من 6 أرقام إلى {phone}. الرمز غير صحيح. لديك 4 محاولات متبقية.",
          "value": "{code}",
          "invalid": "true",
          "focused": true,
          "required": true,
          "children": [
            {
              "role": "text",
              "name": "{code}"
            }
          ]
        },
        {
          "role": "text",
          "name": "الرمز غير صحيح. لديك 4 محاولات متبقية."
        },
        {
          "role": "button",
          "name": "تحقّق"
        },
        {
          "role": "button",
          "name": "يمكنك طلب رمز جديد بعد {seconds} ثانية",
          "disabled": true
        },
        {
          "role": "button",
          "name": "غيّر الرقم"
        }
      ]
    }
  ]
}`;
/* end snapshot chromium ar phone-code, a wrong code */

snapshots["chromium ar email"] = 
`{
  "role": "generic",
  "children": [
    {
      "role": "heading",
      "name": "أضف بريدك الإلكتروني",
      "focused": true
    },
    {
      "role": "paragraph",
      "children": [
        {
          "role": "text",
          "name": "سنرسل رمزًا لتأكيده."
        }
      ]
    },
    {
      "role": "form",
      "children": [
        {
          "role": "LabelText",
          "children": [
            {
              "role": "text",
              "name": "البريد الإلكتروني"
            }
          ]
        },
        {
          "role": "textbox",
          "name": "البريد الإلكتروني",
          "required": true
        },
        {
          "role": "button",
          "name": "أرسل الرمز"
        }
      ]
    }
  ]
}`;
/* end snapshot chromium ar email */

snapshots["chromium ar email-code"] = 
`{
  "role": "generic",
  "children": [
    {
      "role": "heading",
      "name": "تحقّق من بريدك",
      "focused": true
    },
    {
      "role": "paragraph",
      "children": [
        {
          "role": "text",
          "name": "أرسلنا رمزًا إلى "
        },
        {
          "role": "text",
          "name": "{email}"
        },
        {
          "role": "text",
          "name": "."
        }
      ]
    },
    {
      "role": "form",
      "children": [
        {
          "role": "LabelText",
          "children": [
            {
              "role": "text",
              "name": "رمز التحقق"
            }
          ]
        },
        {
          "role": "textbox",
          "name": "رمز التحقق",
          "description": "أرسلنا رمزًا إلى {email}.",
          "required": true
        },
        {
          "role": "button",
          "name": "تحقّق"
        },
        {
          "role": "button",
          "name": "يمكنك طلب رمز جديد بعد {seconds} ثانية",
          "disabled": true
        },
        {
          "role": "button",
          "name": "غيّر البريد"
        }
      ]
    }
  ]
}`;
/* end snapshot chromium ar email-code */

snapshots["chromium ar finish"] = 
`{
  "role": "generic",
  "children": [
    {
      "role": "heading",
      "name": "أكمل التسجيل",
      "focused": true
    },
    {
      "role": "paragraph",
      "children": [
        {
          "role": "text",
          "name": "تم التحقق من كل شيء. أنشئ حسابك."
        }
      ]
    },
    {
      "role": "form",
      "children": [
        {
          "role": "LabelText",
          "children": [
            {
              "role": "text",
              "name": "كلمة المرور"
            }
          ]
        },
        {
          "role": "textbox",
          "name": "كلمة المرور",
          "description": "8 أحرف على الأقل.",
          "required": true
        },
        {
          "role": "paragraph",
          "children": [
            {
              "role": "text",
              "name": "8 أحرف على الأقل."
            }
          ]
        },
        {
          "role": "button",
          "name": "أنشئ الحساب"
        },
        {
          "role": "button",
          "name": "رجوع"
        }
      ]
    }
  ]
}`;
/* end snapshot chromium ar finish */

snapshots["chromium ar done"] = 
`{
  "role": "generic",
  "children": [
    {
      "role": "heading",
      "name": "تم تسجيلك",
      "focused": true
    },
    {
      "role": "paragraph",
      "children": [
        {
          "role": "text",
          "name": "أهلًا بك."
        }
      ]
    }
  ]
}`;
/* end snapshot chromium ar done */

